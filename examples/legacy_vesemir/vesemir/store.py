# -*- coding: utf-8 -*-
"""Deployment records in sqlite3 (one connection per call: gunicorn runs several worker processes)."""
import json
import sqlite3
import time

SCHEMA = """
CREATE TABLE IF NOT EXISTS deployments (
    id          TEXT PRIMARY KEY,
    application TEXT NOT NULL,
    version     TEXT NOT NULL,
    hosts       TEXT NOT NULL,
    status      TEXT NOT NULL,
    rc          INTEGER,
    created_at  REAL NOT NULL,
    finished_at REAL,
    summary     TEXT,
    error       TEXT,
    worker_pid  INTEGER
)
"""

JSON_COLUMNS = ('hosts', 'summary')


class DeploymentStore(object):

    def __init__(self, path):
        self.path = path
        conn = self._connect()
        try:
            conn.execute(SCHEMA)
            conn.commit()
        finally:
            conn.close()

    def _connect(self):
        conn = sqlite3.connect(self.path, timeout=30)
        conn.row_factory = sqlite3.Row
        return conn

    def _execute(self, sql, params):
        conn = self._connect()
        try:
            conn.execute(sql, params)
            conn.commit()
        finally:
            conn.close()

    def create(self, deployment_id, application, version, hosts, worker_pid):
        self._execute("INSERT INTO deployments (id, application, version, hosts, status, created_at, worker_pid) "
                      "VALUES (?, ?, ?, ?, 'running', ?, ?)",
                      (deployment_id, application, version, json.dumps(hosts), time.time(), worker_pid))

    def finish(self, deployment_id, status, rc, summary=None, error=None):
        self._execute("UPDATE deployments SET status = ?, rc = ?, finished_at = ?, summary = ?, error = ? "
                      "WHERE id = ?",
                      (status, rc, time.time(), json.dumps(summary or {}), error, deployment_id))

    def get(self, deployment_id):
        conn = self._connect()
        try:
            row = conn.execute("SELECT * FROM deployments WHERE id = ?", (deployment_id,)).fetchone()
        finally:
            conn.close()
        if row is None:
            return None
        record = {}
        for key in row.keys():
            value = row[key]
            if key in JSON_COLUMNS and value:
                value = json.loads(value)
            record[key] = value
        return record
