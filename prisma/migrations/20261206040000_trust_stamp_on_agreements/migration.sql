-- The public trust page offers "Request access" on a gated document only once an NDA exists, and
-- the DPA link only once a DPA template exists: a new version of either moves the page's version
-- stamp (migration 20261125020000's trigger function), so a cached page is rendered again.
CREATE TRIGGER "trust_nda_version_trust_stamp" AFTER INSERT OR DELETE ON "trust_nda_version"
  FOR EACH ROW EXECUTE FUNCTION app_trust_stamp_bump();
CREATE TRIGGER "dpa_template_version_trust_stamp" AFTER INSERT OR DELETE ON "dpa_template_version"
  FOR EACH ROW EXECUTE FUNCTION app_trust_stamp_bump();
