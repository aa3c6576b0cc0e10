-- Critical (CVSS >= 9.0) is counted apart from High; scans finished before keep NULL here.
ALTER TABLE "scans" ADD COLUMN "critical" INTEGER;
