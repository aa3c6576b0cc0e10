-- The console overview lists the newest pushes across every readable repository.
CREATE INDEX "tags_pushed_at_idx" ON "tags"("pushed_at");
