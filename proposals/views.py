"""The public call and proposal form, and the reviewers' and staff's pages."""

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages as django_messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.core import is_ratelimited

from events.models import Organisation, Room
from events.tokens import hash_token
from proposals import exports, selectors
from proposals.forms import (
    DecisionForm,
    LinkRequestForm,
    ProposalForm,
    ReviewForm,
    formsets,
    rows,
)
from proposals.models import Call, Proposal, Review, Slot
from proposals.placement import decide
from proposals.services import CallClosed, NotEditable, resend_link, save_proposal
from speakers.services import double_booking_warnings

SECTION_TITLES = ("Background", "Objectives", "Expected outcomes")


def _rate(group: str, request: HttpRequest) -> str:
    return settings.RATELIMIT_PROPOSALS


def _limited(request: HttpRequest, group: str = "proposals.form") -> bool:
    return is_ratelimited(
        request,
        group=group,
        key="ip",
        rate=_rate,
        method="POST",
        increment=True,
    )


@never_cache
def call(request: HttpRequest, conference: str) -> HttpResponse:
    """The call's page with a new proposal's form (or that the call is closed)."""
    call_obj = get_object_or_404(
        Call.objects.select_related("conference"), conference__slug=conference
    )
    return _form_page(request, call_obj, None)


@never_cache
def edit(request: HttpRequest, token: str) -> HttpResponse:
    """A proposal opened by its personal link."""
    proposal = (
        Proposal.objects.select_related("call__conference")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if proposal is None:
        raise Http404
    return _form_page(request, proposal.call, proposal, token)


@never_cache
def resend(request: HttpRequest, conference: str) -> HttpResponse:
    """Send a proposer their personal link again, by the proposal's contact e-mail.

    The answer is the same whether or not a proposal has that address, so the page
    tells nobody who proposed; each matching proposal of the call gets a new link.
    """
    call_obj = get_object_or_404(
        Call.objects.select_related("conference"), conference__slug=conference
    )
    context: dict[str, Any] = {"call": call_obj, "conference": call_obj.conference}
    if request.method == "POST" and _limited(request, "proposals.link"):
        return render(request, "proposals/rate_limited.html", context, status=429)
    form = LinkRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for proposal in call_obj.proposals.filter(
            contact_email__iexact=form.cleaned_data["email"]
        ):
            resend_link(proposal)
        context["sent"] = True
        return render(request, "proposals/resend.html", context)
    context["form"] = form
    status = 400 if form.errors else 200
    return render(request, "proposals/resend.html", context, status=status)


def _initial(proposal: Proposal | None) -> tuple[dict[str, Any], dict[str, list]]:
    if proposal is None:
        titles = [_("Background"), _("Objectives"), _("Expected outcomes")]
        return {}, {"sections": [{"title": title} for title in titles]}
    slots = [*proposal.preferred_slots, None, None, None]
    main = {
        "organisation": proposal.organisation,
        "contact_name": proposal.contact_name,
        "contact_email": proposal.contact_email,
        "title": proposal.title,
        "attendance_mode": proposal.attendance_mode,
        "interpretation": proposal.interpretation,
        "first_slot": slots[0],
        "second_slot": slots[1],
        "third_slot": slots[2],
        "expected_audience": proposal.expected_audience,
        "technical_needs": proposal.technical_needs,
        "accessibility_needs": proposal.accessibility_needs,
        "consent": bool(proposal.consent_at),
    }
    lists = {
        "co_organisers": [{"name": name} for name in proposal.co_organisers],
        "sections": proposal.sections,
        "agenda": proposal.agenda,
        "speakers": proposal.speakers,
    }
    return main, lists


def _form_page(
    request: HttpRequest,
    call_obj: Call,
    proposal: Proposal | None,
    token: str | None = None,
) -> HttpResponse:
    language = request.LANGUAGE_CODE[:2]
    context: dict[str, Any] = {
        "call": call_obj,
        "conference": call_obj.conference,
        "proposal": proposal,
        "guidance": call_obj.guidance_ru
        if language == "ru" and call_obj.guidance_ru
        else call_obj.guidance,
    }
    editable = proposal is None or proposal.status in (
        Proposal.Status.DRAFT,
        Proposal.Status.SUBMITTED,
    )
    if not call_obj.is_open() or not editable:
        status = 410 if request.method == "POST" else 200
        return render(request, "proposals/closed.html", context, status=status)
    main_initial, list_initial = _initial(proposal)
    data = request.POST if request.method == "POST" else None
    if data is not None and _limited(request):
        return render(request, "proposals/rate_limited.html", context, status=429)
    form = ProposalForm(data, call=call_obj, initial=main_initial)
    lists = formsets(data, list_initial)
    # Lists the call does not ask for are neither shown nor read.
    if not call_obj.asks_agenda:
        del lists["agenda"]
    if not call_obj.asks_speakers:
        del lists["speakers"]
    key = request.POST.get("submission_key") if data else None
    if data is not None:
        submit = "submit" in request.POST
        # Every list is validated, so that each shows its errors at once.
        lists_valid = [formset.is_valid() for formset in lists.values()]
        valid = form.is_valid() and all(lists_valid)
        if valid:
            content = {
                **{k: v for k, v in form.cleaned_data.items() if k != "consent"},
                "co_organisers": [row["name"] for row in rows(lists["co_organisers"])],
                "sections": rows(lists["sections"]),
                "agenda": rows(lists["agenda"]) if "agenda" in lists else [],
                "speakers": rows(lists["speakers"]) if "speakers" in lists else [],
            }
            if submit:
                valid = _complete(form, content)
        if valid:
            try:
                submission_key = uuid.UUID(key) if key else None
            except ValueError:
                submission_key = None
            try:
                saved, created = save_proposal(
                    call=call_obj,
                    content=content,
                    submit=submit,
                    language=language,
                    proposal=proposal,
                    submission_key=submission_key,
                )
            except CallClosed:
                return render(request, "proposals/closed.html", context, status=410)
            except NotEditable:
                return render(request, "proposals/closed.html", context, status=409)
            context.update(proposal=saved, created=created, submitted=submit)
            return render(request, "proposals/saved.html", context)
    context.update(
        form=form,
        lists=lists,
        submission_key=key or uuid.uuid4(),
        organisation_names=_organisation_names(),
        token=token,
    )
    status = 400 if data is not None else 200
    return render(request, "proposals/form.html", context, status=status)


def _complete(form: ProposalForm, content: dict[str, Any]) -> bool:
    """What a submitted proposal needs beyond a draft."""
    sections = [s for s in content["sections"] if s.get("body", "").strip()]
    if len(sections) < len(SECTION_TITLES):
        form.add_error(
            None,
            _(
                "A concept note needs at least Background, Objectives and Expected "
                "outcomes, each with its text."
            ),
        )
    if not content["preferred_slots"]:
        form.add_error("first_slot", _("Choose at least one slot."))
    return not form.errors


def _organisation_names() -> list[str]:
    """Every name known organisations go by, for the form's suggestions."""
    names: set[str] = set()
    for name, short, others in Organisation.objects.values_list(
        "name", "short_name", "other_names"
    ):
        names.update(n for n in (name, short, *(others or [])) if n)
    return sorted(names)


def _call_for(conference: str) -> Call:
    return get_object_or_404(
        Call.objects.select_related("conference"), conference__slug=conference
    )


@staff_member_required
@permission_required("proposals.review_proposal", raise_exception=True)
def staff_table(request: HttpRequest, conference: str) -> HttpResponse:
    """Every submitted proposal with scores, reviews, slots and clashes."""
    call_obj = _call_for(conference)
    names = selectors.conflicted_names(request.user)
    is_editor = request.user.has_perm("proposals.change_proposal")
    table_rows = [
        row
        for row in selectors.table(call_obj)
        if not selectors.has_conflict(row.proposal, names)
    ]
    mine = set(
        Review.objects.filter(
            reviewer=request.user, proposal__call=call_obj
        ).values_list("proposal_id", flat=True)
    )
    return render(
        request,
        "proposals/staff_table.html",
        {
            "call": call_obj,
            "conference": call_obj.conference,
            "rows": table_rows,
            "is_editor": is_editor,
            "mine": mine,
        },
    )


def _proposal_for(request: HttpRequest, conference: str, pk: int) -> Proposal:
    proposal = get_object_or_404(
        selectors.reviewable(_call_for(conference)).select_related(
            "call__conference", "session"
        ),
        pk=pk,
    )
    if selectors.has_conflict(proposal, selectors.conflicted_names(request.user)):
        raise Http404
    return proposal


@staff_member_required
@permission_required("proposals.review_proposal", raise_exception=True)
def review(request: HttpRequest, conference: str, pk: int) -> HttpResponse:
    """Score a proposal; others' scores appear once this reviewer has scored."""
    proposal = _proposal_for(request, conference, pk)
    own = Review.objects.filter(proposal=proposal, reviewer=request.user).first()
    form = ReviewForm(
        request.POST or None,
        call=proposal.call,
        initial=ReviewForm.initial_for(own),
    )
    if request.method == "POST" and form.is_valid():
        Review.objects.update_or_create(
            proposal=proposal,
            reviewer=request.user,
            defaults={"scores": form.scores(), "comment": form.cleaned_data["comment"]},
        )
        return redirect(request.path)
    return render(
        request,
        "proposals/review.html",
        {
            "proposal": proposal,
            "conference": proposal.call.conference,
            "form": form,
            "reviews": selectors.visible_reviews(proposal, request.user),
            "slots": {slot.pk: slot for slot in proposal.call.slots.all()},
        },
        status=400 if form.errors else 200,
    )


@staff_member_required
@permission_required("proposals.change_proposal", raise_exception=True)
def decision(request: HttpRequest, conference: str, pk: int) -> HttpResponse:
    """Accept (placing it in a free slot and room), decline or hold a proposal."""
    proposal = _proposal_for(request, conference, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        place = form.cleaned_data["place"]
        slot = room = None
        if place:
            slot = Slot.objects.filter(pk=place[0], call=proposal.call).first()
            room = Room.objects.filter(pk=place[1]).first()
        try:
            decide(
                proposal=proposal,
                outcome=form.cleaned_data["outcome"],
                by=request.user,
                note=form.cleaned_data["note"],
                slot=slot,
                room=room,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, messages in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages)
            else:
                form.add_error(None, error.messages)
        else:
            proposal.refresh_from_db()
            if proposal.session_id:
                # The same double-booking warning as wherever a person is added.
                for warning in double_booking_warnings(proposal.session):
                    django_messages.warning(request, warning)
            return redirect(request.path)
    return render(
        request,
        "proposals/decision.html",
        {
            "proposal": proposal,
            "conference": proposal.call.conference,
            "form": form,
            "grid": selectors.grid(proposal.call),
            "rooms": list(proposal.call.rooms.all()),
        },
        status=400 if form.errors else 200,
    )


@staff_member_required
@permission_required("proposals.change_proposal", raise_exception=True)
def export(request: HttpRequest, conference: str) -> HttpResponse:
    """The proposals with their scores as an XLSX workbook."""
    call_obj = _call_for(conference)
    response = HttpResponse(
        exports.proposals_xlsx(call_obj),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="side-event-proposals-{call_obj.conference.slug}.xlsx"'
    )
    return response
