-- CreateTable
CREATE TABLE "build_rules" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "repository_id" UUID NOT NULL,
    "owner_id" UUID,
    "name" TEXT NOT NULL,
    "source_url" TEXT NOT NULL,
    "credentials" TEXT,
    "trigger_kind" TEXT NOT NULL,
    "trigger_pattern" TEXT NOT NULL,
    "dockerfile_dir" TEXT NOT NULL DEFAULT '.',
    "dockerfile_name" TEXT NOT NULL DEFAULT 'Dockerfile',
    "tag_template" TEXT NOT NULL,
    "build_args" JSONB NOT NULL DEFAULT '{}',
    "no_cache" BOOLEAN NOT NULL DEFAULT false,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "webhook_secret" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "build_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "builds" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "repository_id" UUID NOT NULL,
    "rule_id" UUID,
    "rule_name" TEXT NOT NULL,
    "triggered_by" TEXT NOT NULL,
    "requested_by" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "commit" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "digest" TEXT,
    "error" TEXT,
    "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "enqueued_at" TIMESTAMP(3),
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "heartbeat_at" TIMESTAMP(3),
    "log_bytes" INTEGER NOT NULL DEFAULT 0,
    "log_dropped_bytes" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "builds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "build_log_chunks" (
    "id" BIGSERIAL NOT NULL,
    "build_id" UUID NOT NULL,
    "offset" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "build_log_chunks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "build_rules_repository_id_name_key" ON "build_rules"("repository_id", "name");

-- CreateIndex
CREATE INDEX "builds_repository_id_created_at_idx" ON "builds"("repository_id", "created_at");

-- CreateIndex
CREATE INDEX "builds_status_idx" ON "builds"("status");

-- CreateIndex
CREATE INDEX "build_log_chunks_build_id_offset_idx" ON "build_log_chunks"("build_id", "offset");

-- AddForeignKey
ALTER TABLE "build_rules" ADD CONSTRAINT "build_rules_repository_id_fkey" FOREIGN KEY ("repository_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "build_rules" ADD CONSTRAINT "build_rules_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "builds" ADD CONSTRAINT "builds_repository_id_fkey" FOREIGN KEY ("repository_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "builds" ADD CONSTRAINT "builds_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "build_rules"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "build_log_chunks" ADD CONSTRAINT "build_log_chunks_build_id_fkey" FOREIGN KEY ("build_id") REFERENCES "builds"("id") ON DELETE CASCADE ON UPDATE CASCADE;
