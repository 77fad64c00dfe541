"""Every Word document says the same things about itself (export/docx_parts.py): what it
is, that the panel wrote it, in British English, when, and never a person's name."""

from __future__ import annotations

import datetime as dt
import io

import docx

from leap_desktop.export import decisions_docx, impact_log
from leap_desktop.services.impact_view import build_log

NOW = dt.datetime(2026, 6, 15, 14, 30, 5, 123456, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def test_the_decision_log_and_the_impact_log_describe_themselves_alike(demo):
    panel = demo.panel().name
    made = {
        "Decision log": decisions_docx.render(demo, demo.decision_log(), filters="", now=NOW),
        "Impact log": impact_log.log_docx(build_log(demo, demo.impact.entries()), panel_name=panel, produced="today",
                                          now=NOW),
    }
    for title, data in made.items():
        document = docx.Document(io.BytesIO(data))
        props = document.core_properties
        assert (props.title, props.category, props.author, props.subject) == (title, title, panel, panel)
        assert props.last_modified_by == "LEAP Desktop" and props.language == "en-GB"  # the decision log's was unset
        assert props.created == props.modified == dt.datetime(2026, 6, 15, 13, 30, 5, tzinfo=dt.timezone.utc)  # to the second
        assert props.revision == 1
        header = document.sections[0].header.paragraphs[0]
        assert header.text == f"{title}   \u00b7   {panel}" and header.runs[0].bold is not False
