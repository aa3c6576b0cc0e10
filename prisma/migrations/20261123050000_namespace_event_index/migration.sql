-- CreateIndex
CREATE INDEX "webhook_events_namespace_id_occurred_at_idx" ON "webhook_events"("namespace_id", "occurred_at");
