-- AlterTable
ALTER TABLE "namespaces" ADD COLUMN     "quota_bytes" BIGINT;

-- CreateTable
CREATE TABLE "gc_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "status" TEXT NOT NULL DEFAULT 'queued',
    "trigger" TEXT NOT NULL,
    "requested_by" TEXT NOT NULL,
    "dry_run" BOOLEAN NOT NULL,
    "delete_untagged" BOOLEAN NOT NULL,
    "grace_period_seconds" INTEGER NOT NULL,
    "manifests_deleted" INTEGER NOT NULL DEFAULT 0,
    "blobs_deleted" INTEGER NOT NULL DEFAULT 0,
    "bytes_freed" BIGINT NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "gc_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "immutability_rules" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "namespace_id" UUID NOT NULL,
    "repository_id" UUID,
    "name" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "immutability_rules_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "gc_runs_created_at_idx" ON "gc_runs"("created_at");

-- CreateIndex
CREATE INDEX "immutability_rules_namespace_id_idx" ON "immutability_rules"("namespace_id");

-- CreateIndex
CREATE INDEX "immutability_rules_repository_id_idx" ON "immutability_rules"("repository_id");

-- AddForeignKey
ALTER TABLE "immutability_rules" ADD CONSTRAINT "immutability_rules_namespace_id_fkey" FOREIGN KEY ("namespace_id") REFERENCES "namespaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "immutability_rules" ADD CONSTRAINT "immutability_rules_repository_id_fkey" FOREIGN KEY ("repository_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "tags" ADD COLUMN     "pull_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "last_pulled_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "manifests" ADD COLUMN     "pull_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "last_pulled_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "retention_rules" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "namespace_id" UUID NOT NULL,
    "repository_id" UUID,
    "name" TEXT NOT NULL,
    "keep_newest" INTEGER,
    "keep_matching" TEXT,
    "remove_older_than_days" INTEGER,
    "remove_not_pulled_for_days" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "retention_rules_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "retention_rules_namespace_id_idx" ON "retention_rules"("namespace_id");

-- CreateIndex
CREATE INDEX "retention_rules_repository_id_idx" ON "retention_rules"("repository_id");

-- AddForeignKey
ALTER TABLE "retention_rules" ADD CONSTRAINT "retention_rules_namespace_id_fkey" FOREIGN KEY ("namespace_id") REFERENCES "namespaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "retention_rules" ADD CONSTRAINT "retention_rules_repository_id_fkey" FOREIGN KEY ("repository_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE CASCADE;
