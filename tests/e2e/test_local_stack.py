"""Local-stack pieces other than the gateway: the SMTP catcher and the MongoDB wire server."""

from __future__ import annotations

import smtplib
import time
import uuid
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default

import pytest
from pymongo import MongoClient
from stack_env import DATA_DIR, MONGODB_PORT, SMTP_PORT

pytestmark = pytest.mark.e2e


def test_mail_sent_over_smtp_lands_in_the_catcher(stack: str) -> None:
    subject = f"hello {uuid.uuid4().hex}"
    message = EmailMessage()
    message["From"] = "FitLedger <no-reply@fitledger.local>"
    message["To"] = "someone@example.com"
    message["Subject"] = subject
    message.set_content("plain body")
    with smtplib.SMTP("127.0.0.1", SMTP_PORT, timeout=10) as smtp:
        smtp.send_message(message)

    deadline = time.monotonic() + 10
    found = None
    while found is None and time.monotonic() < deadline:
        for path in (DATA_DIR / "mail").glob("*.eml"):
            parsed = BytesParser(policy=default).parsebytes(path.read_bytes())
            if parsed["Subject"] == subject:
                found = parsed
        time.sleep(0.1)
    assert found is not None
    assert found["To"] == "someone@example.com"


def test_mongodb_wire_server_answers_pymongo(stack: str) -> None:
    client: MongoClient = MongoClient(
        f"mongodb://127.0.0.1:{MONGODB_PORT}/", serverSelectionTimeoutMS=5000
    )
    try:
        collection = client["fitledger_e2e_probe"]["probe"]
        marker = uuid.uuid4().hex
        collection.insert_one({"marker": marker, "sets": [{"reps": 5, "kg": 100}]})
        assert collection.find_one({"marker": marker})["sets"][0]["kg"] == 100
        collection.delete_many({"marker": marker})
    finally:
        client.close()
