-- Sign-in sessions. The cookie carries an opaque random token; only its SHA-256 is stored, so a
-- database dump yields no usable session. Revoking a row signs the person out at once.

CREATE TABLE "session" (
  "id"           uuid PRIMARY KEY,
  "user_id"      uuid NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "token_hash"   text NOT NULL UNIQUE,
  "ip"           text,
  "user_agent"   text,
  "created_at"   timestamptz(3) NOT NULL DEFAULT now(),
  "last_seen_at" timestamptz(3) NOT NULL DEFAULT now(),
  "expires_at"   timestamptz(3) NOT NULL,
  "revoked_at"   timestamptz(3)
);
CREATE INDEX "session_user_id_idx" ON "session" ("user_id");

GRANT SELECT, INSERT, UPDATE, DELETE ON "session" TO candor_app;
