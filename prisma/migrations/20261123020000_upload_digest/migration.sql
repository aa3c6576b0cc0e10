-- AlterTable
ALTER TABLE "upload_sessions" ADD COLUMN     "sha256" TEXT;

