#!/usr/bin/env bash
# Turns on what Debezium needs on this machine's PostgreSQL and MariaDB services (Debian packages, as on
# the CI machine and the devcontainer), then restarts them. Safe to run again: it changes nothing that is
# already right.
#   PostgreSQL: wal_level = logical
#   MariaDB:    log_bin, binlog_format = ROW, binlog_row_image = FULL, server_id = 1
set -euo pipefail

log() { echo "[enable-cdc] $*"; }

# ---- PostgreSQL ------------------------------------------------------------------------------------
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  if [ "$(psql -h 127.0.0.1 -U postgres -tAc 'SHOW wal_level')" != "logical" ]; then
    log "PostgreSQL $version: setting wal_level = logical and restarting"
    psql -h 127.0.0.1 -U postgres -qc "ALTER SYSTEM SET wal_level = logical"
    pg_ctlcluster --skip-systemctl-redirect "$version" main restart
  fi
  for _ in $(seq 1 30); do
    psql -h 127.0.0.1 -U postgres -tAc 'SELECT 1' >/dev/null 2>&1 && break
    sleep 1
  done
  log "PostgreSQL $version: wal_level = $(psql -h 127.0.0.1 -U postgres -tAc 'SHOW wal_level')"
else
  log "no PostgreSQL service found; skipped"
fi

# ---- MariaDB ---------------------------------------------------------------------------------------
if [ -x /usr/sbin/mariadbd ]; then
  marker="# cdc-cookbook: binary log for Debezium"
  if ! grep -qF "$marker" /etc/mysql/my.cnf; then
    log "MariaDB: adding the binary log settings to /etc/mysql/my.cnf"
    cat >> /etc/mysql/my.cnf <<CNF

$marker
[mysqld]
log_bin = mysql-bin
binlog_format = ROW
binlog_row_image = FULL
server_id = 1
CNF
  fi
  if [ "$(mariadb -h 127.0.0.1 -uroot -N -e "SELECT @@log_bin" 2>/dev/null || echo down)" != "1" ]; then
    log "MariaDB: restarting"
    mariadb-admin -h 127.0.0.1 -uroot shutdown 2>/dev/null || true
    for _ in $(seq 1 30); do pgrep -x mariadbd >/dev/null || break; sleep 1; done
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
    for _ in $(seq 1 30); do
      mariadb-admin -h 127.0.0.1 -uroot ping >/dev/null 2>&1 && break
      sleep 1
    done
  fi
  log "MariaDB: $(mariadb -h 127.0.0.1 -uroot -N -e "SELECT CONCAT('log_bin=', @@log_bin, ' binlog_format=', @@binlog_format, ' binlog_row_image=', @@binlog_row_image)")"
else
  log "no MariaDB service found; skipped"
fi
