"""Two sessions never share a room at the same time, enforced by PostgreSQL itself.

An exclusion constraint over the room and a half-open time range, so that one
session may begin the minute the previous one ends. Other databases rely on the
validation in events.services, which every writing path calls.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE events_session ADD CONSTRAINT session_room_no_overlap
    EXCLUDE USING gist (room_id WITH =, tstzrange("start", "end", '[)') WITH &&)
    WHERE (room_id IS NOT NULL);
"""
DROP = "ALTER TABLE events_session DROP CONSTRAINT IF EXISTS session_room_no_overlap;"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(add_constraint, drop_constraint)]
