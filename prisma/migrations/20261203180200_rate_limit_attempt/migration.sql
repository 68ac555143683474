-- Counting one attempt against a form's rate limits, in one round trip (issue 13). The limits
-- are counted in turn, each only while the ones before it allow the attempt (a flood refused by
-- its address never uses up the e-mail's allowance), exactly as separate statements did. A
-- limit already full in the current window is only read: refusing a flood writes nothing, so it
-- waits for no row lock and no commit to disk. Runs as the caller (candor_app). Fixed windows:
-- a counter belongs to the window starting at a multiple of its length.
CREATE FUNCTION rate_limit_attempt(p_keys text[], p_limits integer[], p_seconds integer[])
  RETURNS TABLE ("count" integer, "retry_after" integer)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp AS $$
DECLARE
  v_start timestamptz;
  v_count integer;
  v_ends timestamptz;
BEGIN
  FOR i IN 1 .. coalesce(array_length(p_keys, 1), 0) LOOP
    v_start := to_timestamp(floor(extract(epoch FROM now()) / p_seconds[i]) * p_seconds[i]);
    SELECT b."count", b."expires_at" INTO v_count, v_ends FROM "rate_limit_bucket" b
     WHERE b."key" = p_keys[i] AND b."window_start" = v_start;
    IF v_count >= p_limits[i] THEN
      -- Full: refused, and nothing is written.
      "count" := v_count + 1;
    ELSE
      INSERT INTO "rate_limit_bucket" AS b ("key", "window_start", "count", "expires_at")
      VALUES (p_keys[i], v_start, 1, v_start + make_interval(secs => p_seconds[i]))
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN b."window_start" = EXCLUDED."window_start" THEN b."count" + 1 ELSE 1 END,
        "window_start" = EXCLUDED."window_start",
        "expires_at" = EXCLUDED."expires_at"
      RETURNING b."count", b."expires_at" INTO v_count, v_ends;
      "count" := v_count;
    END IF;
    "retry_after" := ceil(extract(epoch FROM v_ends - now()))::integer;
    RETURN NEXT;
    -- Over (full already, or another attempt got there first): the limits after it are not counted.
    EXIT WHEN "count" > p_limits[i];
  END LOOP;
END
$$;
REVOKE EXECUTE ON FUNCTION rate_limit_attempt(text[], integer[], integer[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rate_limit_attempt(text[], integer[], integer[]) TO candor_app;
