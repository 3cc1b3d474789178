-- Found by their time when swept (TelefoonSessions.sweep): sessions long ended, failed logins that no
-- longer count.
CREATE INDEX telefoon_session_last_used ON telefoon_session (last_used_at);
CREATE INDEX telefoon_login_failure_time ON telefoon_login_failure (failed_at);
