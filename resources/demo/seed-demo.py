#!/usr/bin/env python3
"""Fills a Tandem database with a realistic week of todos, for screenshots.

Usage: seed-demo.py DATABASE

The database must exist (start Tandem once with --data-dir). Dates are
relative to today, so a screenshot always shows something due today, overdue
and upcoming. It writes rows directly, as a demo, not as a person would.
"""
import datetime
import sqlite3
import sys
import time
import uuid


def micros(dt):
    return int(dt.replace(tzinfo=datetime.timezone.utc).timestamp() * 1_000_000)


def main(path):
    db = sqlite3.connect(path)
    now = int(time.time() * 1_000_000)
    today = datetime.date.today()
    inbox = db.execute("SELECT id FROM lists WHERE is_inbox = 1").fetchone()[0]
    lists = {}
    for position, name in enumerate(["Work", "Home", "Groceries", "Side project"], start=1):
        lists[name] = str(uuid.uuid4())
        db.execute("INSERT INTO lists(id, name, position, is_inbox, created_at, updated_at)"
                   " VALUES (?, ?, ?, 0, ?, ?)", (lists[name], name, position, now, now))
    tags = {}

    def tag(name):
        key = name.casefold()
        if key not in tags:
            tags[key] = str(uuid.uuid4())
            db.execute("INSERT INTO tags(id, name, name_key) VALUES (?, ?, ?)", (tags[key], name, key))
        return tags[key]

    # list, title, notes, done, due in days (None: no due), due time, priority, tags, not yet synced
    rows = [
        ("Work", "Prepare the Q4 planning deck", "Slides for Monday's review.\nInclude the hiring plan.", 0, 0, (14, 0), 3, ["work"], False),
        ("Work", "Review Mia's pull request on sync retries", "", 0, 0, None, 2, ["work", "review"], True),
        ("Work", "Renew the TLS certificate for staging", "", 0, -2, None, 3, ["ops"], False),
        ("Work", "Reply to the billing email", "", 0, 1, None, 1, [], False),
        ("Work", "Book flights for the Berlin offsite", "Prefer morning flights.", 0, 3, None, 2, ["travel"], True),
        ("Work", "1:1 with Jordan", "Career goals, feedback on the launch.", 0, 1, (10, 30), 0, [], False),
        ("Work", "Write the migration guide for beta users", "Cover rollback.", 0, 5, None, 1, ["docs"], False),
        ("Work", "Update the on-call runbook", "", 1, None, None, 0, ["work"], False),
        ("Home", "Call the plumber about the kitchen tap", "", 0, 0, None, 2, ["home"], False),
        ("Home", "Pay the electricity bill", "", 0, -1, None, 3, ["bills"], False),
        ("Home", "Plan Sam's birthday dinner 🎂", "", 0, 9, None, 1, ["family"], False),
        ("Groceries", "Oat milk", "", 0, None, None, 0, [], False),
        ("Groceries", "Coffee beans", "", 1, None, None, 0, [], False),
        ("Side project", "Sketch the onboarding flow", "", 0, None, None, 0, ["design"], False),
        (None, "Read “Designing Data-Intensive Applications”, chapter 5", "", 0, None, None, 0, ["reading"], False),
        (None, "Renew passport", "Appointment needed.", 0, 14, None, 2, [], False),
    ]
    positions = {}
    for list_name, title, notes, done, due_days, due_time, priority, tag_names, pending in rows:
        list_id = lists[list_name] if list_name else inbox
        positions[list_id] = positions.get(list_id, 0) + 1
        todo_id = str(uuid.uuid4())
        due_at, has_time = None, 0
        if due_days is not None:
            day = today + datetime.timedelta(days=due_days)
            if due_time:
                local = datetime.datetime(day.year, day.month, day.day, *due_time).astimezone()
                due_at, has_time = int(local.timestamp() * 1_000_000), 1
            else:
                due_at = micros(datetime.datetime(day.year, day.month, day.day))
        db.execute("INSERT INTO todos(id, list_id, title, notes, completed, completed_at, due_at, due_has_time,"
                   " priority, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (todo_id, list_id, title, notes, done, now if done else None, due_at, has_time,
                    priority, positions[list_id], now, now))
        for name in tag_names:
            db.execute("INSERT INTO todo_tags(todo_id, tag_id) VALUES (?, ?)", (todo_id, tag(name)))
        if pending:
            db.execute("INSERT INTO outbox(entity, entity_id, op, payload, queued_at)"
                       " VALUES ('todo', ?, 'upsert', json_object('title', ?), ?)", (todo_id, title, now))
    # Some of them repeat (docs/repeats.md): weekly on the 1:1's weekday, monthly bills.
    for title, rule in (("1:1 with Jordan", "FREQ=WEEKLY"), ("Pay the electricity bill", "FREQ=MONTHLY"),
                        ("Update the on-call runbook", "FREQ=MONTHLY;BYDAY=1MO")):
        db.execute("UPDATE todos SET repeat_rule = ? WHERE title = ?", (rule, title))
    # Two reminders of the deck (docs/reminders.md): 15 minutes before its
    # due, and one of its own the next morning, for the detail pane to list.
    deck = db.execute("SELECT id FROM todos WHERE title = 'Prepare the Q4 planning deck'").fetchone()[0]
    tomorrow = today + datetime.timedelta(days=1)
    morning = datetime.datetime(tomorrow.year, tomorrow.month, tomorrow.day, 9, 0).astimezone()
    for order, (kind, at, offset) in enumerate((("before_due", None, 15),
                                                ("at", int(morning.timestamp() * 1_000_000), 0))):
        # One after the other, as a person makes them: the pane lists them in that order.
        made = now + order
        db.execute("INSERT INTO reminders(id, todo_id, kind, at, offset_minutes, created_at, updated_at)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?)", (str(uuid.uuid4()), deck, kind, at, offset, made, made))
    db.commit()


if __name__ == "__main__":
    main(sys.argv[1])
