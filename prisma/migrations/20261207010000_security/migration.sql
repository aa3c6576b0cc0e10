-- AlterTable
ALTER TABLE "users" ADD COLUMN     "session_version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "namespace_id" UUID;

-- Events written before this column existed are filed under the namespace of that name at the time of migration.
UPDATE "audit_events" e SET "namespace_id" = n."id" FROM "namespaces" n WHERE e."namespace" = n."name";

-- CreateTable
CREATE TABLE "auth_failures" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "failed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "auth_failures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_events_namespace_id_id_idx" ON "audit_events"("namespace_id", "id");

-- CreateIndex
CREATE INDEX "auth_failures_key_failed_at_idx" ON "auth_failures"("key", "failed_at");
