-- AlterTable
ALTER TABLE "namespaces" ADD COLUMN     "scan_on_push" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "repositories" ADD COLUMN     "scan_on_push" BOOLEAN;

-- AlterTable
ALTER TABLE "webhook_events" ADD COLUMN     "details" JSONB;

-- CreateTable
CREATE TABLE "vuln_records" (
    "id" TEXT NOT NULL,
    "modified" TIMESTAMP(3) NOT NULL,
    "withdrawn" TIMESTAMP(3),
    "content_hash" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "imported_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "vuln_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vuln_packages" (
    "ecosystem" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,

    CONSTRAINT "vuln_packages_pkey" PRIMARY KEY ("ecosystem","name","record_id")
);

-- CreateTable
CREATE TABLE "vuln_imports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "added" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "invalid" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "imported_by" TEXT,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "vuln_imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scans" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "repository_id" UUID NOT NULL,
    "manifest_digest" TEXT NOT NULL,
    "tag" TEXT,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "requested_by" TEXT NOT NULL,
    "layers_total" INTEGER NOT NULL DEFAULT 0,
    "layers_done" INTEGER NOT NULL DEFAULT 0,
    "high" INTEGER,
    "medium" INTEGER,
    "low" INTEGER,
    "unknown" INTEGER,
    "secrets" INTEGER,
    "report" JSONB,
    "error" TEXT,
    "data_updated_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "enqueued_at" TIMESTAMP(3),
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "scans_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "vuln_packages_record_id_idx" ON "vuln_packages"("record_id");

-- CreateIndex
CREATE INDEX "vuln_imports_started_at_idx" ON "vuln_imports"("started_at");

-- CreateIndex
CREATE INDEX "scans_repository_id_manifest_digest_created_at_idx" ON "scans"("repository_id", "manifest_digest", "created_at");

-- CreateIndex
CREATE INDEX "scans_status_enqueued_at_idx" ON "scans"("status", "enqueued_at");

-- AddForeignKey
ALTER TABLE "vuln_packages" ADD CONSTRAINT "vuln_packages_record_id_fkey" FOREIGN KEY ("record_id") REFERENCES "vuln_records"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scans" ADD CONSTRAINT "scans_repository_id_fkey" FOREIGN KEY ("repository_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

