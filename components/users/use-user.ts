'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UpdateUserInput, UserDto } from '@/lib/schemas/users';
import { listUsers, updateUser, userKeys } from '@/lib/client/users-api';

// The API has no single-user read: a user page reads the list (which an admin loads anyway) and picks its user.

export function useUser(username: string, initial: UserDto[]) {
  const query = useQuery({ queryKey: userKeys.list(), queryFn: ({ signal }) => listUsers(signal), initialData: initial });
  return { ...query, user: query.data.find((u) => u.username === username) };
}

/** Replaces one user in the cached list, then refreshes it. */
export function useReplaceUser() {
  const queryClient = useQueryClient();
  return async (user: UserDto) => {
    queryClient.setQueryData<UserDto[]>(userKeys.list(), (list) => list?.map((u) => (u.id === user.id ? user : u)));
    await queryClient.invalidateQueries({ queryKey: userKeys.all });
  };
}

export function useUpdateUser(username: string, onDone?: (user: UserDto) => void) {
  const replace = useReplaceUser();
  return useMutation({
    mutationFn: (data: UpdateUserInput) => updateUser(username, data),
    onSuccess: async (user) => {
      await replace(user);
      onDone?.(user);
    },
  });
}
