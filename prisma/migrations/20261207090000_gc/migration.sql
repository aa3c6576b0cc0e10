-- CreateTable
CREATE TABLE "gc_blob_candidates" (
    "run_id" UUID NOT NULL,
    "digest" TEXT NOT NULL,

    CONSTRAINT "gc_blob_candidates_pkey" PRIMARY KEY ("run_id","digest")
);
