"""The side-event choice as one radio group per time slot, plus "none".

A person can sit in one room at a time, so the form offers one choice per slot
instead of a list of checkboxes that lets them take two seats at once.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django import forms
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.safestring import SafeString

from events.models import Session


@dataclass
class SideEventSlot:
    """Side events whose times overlap, shown under one heading."""

    key: str
    sessions: list[Session] = field(default_factory=list)

    @property
    def start(self) -> datetime:
        return min(session.local_start for session in self.sessions)

    @property
    def end(self) -> datetime:
        return max(session.local_end for session in self.sessions)

    @property
    def label(self) -> str:
        """ "Monday 20 April, 16:45–17:45" in the page's language."""
        day = date_format(self.start, "l j E")
        return f"{day}, {self.start:%H:%M}–{self.end:%H:%M}"


def side_event_slots(sessions: Iterable[Session]) -> list[SideEventSlot]:
    """Group side events into time slots: a slot holds those that overlap.

    Inside a slot they follow the rooms' order, then the title, so the list reads
    the same on every visit.
    """
    slots: list[SideEventSlot] = []
    slot_end = None
    for session in sorted(sessions, key=lambda s: (s.start, s.end, s.pk)):
        if slots and slot_end is not None and session.start < slot_end:
            slots[-1].sessions.append(session)
            slot_end = max(slot_end, session.end)
        else:
            key = session.local_start.strftime("%Y%m%d%H%M")
            slots.append(SideEventSlot(key=key, sessions=[session]))
            slot_end = session.end
    for slot in slots:
        slot.sessions.sort(key=_room_order)
    return slots


def _room_order(session: Session) -> tuple:
    room = session.room
    return (
        room is None,
        room.order if room else 0,
        room.name if room else "",
        session.title,
    )


class SideEventSlotsWidget(forms.Widget):
    """Radios named ``<name>-<slot>``; ``<name>`` itself is still read for scripts."""

    template_name = "registration/widgets/side_event_slots.html"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs)
        self.sessions: list[Session] = []

    def slots(self) -> list[SideEventSlot]:
        return side_event_slots(self.sessions)

    def value_from_datadict(
        self, data: Mapping, files: Mapping, name: str
    ) -> list[str]:
        values = list(data.getlist(name)) if hasattr(data, "getlist") else []
        for slot in self.slots():
            chosen = data.get(f"{name}-{slot.key}")
            if chosen:
                values.append(chosen)
        return values

    def value_omitted_from_data(self, data: Mapping, files: Mapping, name: str) -> bool:
        return False

    def render(
        self,
        name: str,
        value: object,
        attrs: dict | None = None,
        renderer: object = None,
    ) -> SafeString:
        chosen = {str(getattr(item, "pk", item)) for item in (value or [])}
        attrs = self.build_attrs(self.attrs, attrs)
        slots = [
            {
                "label": slot.label,
                "name": f"{name}-{slot.key}",
                "id": f"{attrs.get('id', 'id_' + name)}-{slot.key}",
                "none_checked": not any(str(s.pk) in chosen for s in slot.sessions),
                "options": [
                    {
                        "value": str(session.pk),
                        "title": session.title,
                        "room": str(session.room) if session.room else "",
                        "checked": str(session.pk) in chosen,
                    }
                    for session in slot.sessions
                ],
            }
            for slot in self.slots()
        ]
        return render_to_string(
            self.template_name,
            {"slots": slots, "describedby": attrs.get("aria-describedby", "")},
        )

    def id_for_label(self, id_: str) -> str:
        # The slots are fieldsets with legends: the field's label points nowhere.
        return ""
