"""The organiser portal and the speaker's confirmation page, opened by personal link.

The link is the only key: the page shows and changes one session (or one
person's part in it) and nothing else; no Zoom passcode, registration or other
session is ever shown.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from events.documents import add_document, arrange_documents
from events.tokens import hash_token
from organisers import confirmations, limits, services
from organisers.emails import secretariat_email
from organisers.forms import (
    AgendaFormSet,
    AskSpeakerForm,
    ConfirmationForm,
    DescriptionForm,
    DocumentFormSet,
    DocumentUploadForm,
    ParticipantFormSet,
    SectionFormSet,
    arranged_documents,
    edited_snapshot,
)
from organisers.models import (
    OrganiserAccess,
    PendingEdit,
    SpeakerConfirmation,
)
from organisers.snapshots import session_snapshot


def _access(request: HttpRequest, token: str) -> OrganiserAccess | HttpResponse:
    """The access of a link, or the 429 page when a limit is reached."""
    if limits.address_limited(request):
        return limits.too_many(request)
    access = (
        OrganiserAccess.objects.select_related("session__conference")
        .filter(token_hash=hash_token(token), is_active=True)
        .first()
    )
    if access is None:
        if limits.count_miss(request):
            return limits.too_many(request)
        raise Http404
    if limits.token_limited(request, access.token_hash):
        return limits.too_many(request)
    return access


def _formsets(data: object, snapshot: dict) -> dict:
    return {
        "sections": SectionFormSet(
            data, initial=snapshot["sections"], prefix="sections"
        ),
        "agenda": AgendaFormSet(data, initial=snapshot["agenda"], prefix="agenda"),
        "participants": ParticipantFormSet(
            data, initial=snapshot["participants"], prefix="participants"
        ),
    }


def _document_formset(data: object, documents: object) -> DocumentFormSet:
    """One row per document, numbered in their order, each row knowing its file."""
    documents = list(documents)
    formset = DocumentFormSet(
        data,
        initial=[{"id": d.pk, "ORDER": n} for n, d in enumerate(documents, start=1)],
        prefix="documents",
    )
    by_id = {d.pk: d for d in documents}
    for form in formset:
        form.document = by_id.get(form.initial.get("id"))
    return formset


@never_cache
def portal(request: HttpRequest, token: str) -> HttpResponse:
    access = _access(request, token)
    if isinstance(access, HttpResponse):
        return access
    session = access.session
    OrganiserAccess.objects.filter(pk=access.pk).update(last_opened_at=timezone.now())
    snapshot = session_snapshot(session)
    context = {
        "access": access,
        "session": session,
        "conference": session.conference,
        "deadline": services.edit_deadline(session),
        "contact": secretariat_email(session.conference_id),
        "needs_approval": services.portal_settings(session).edits_need_approval,
        "latest_edit": PendingEdit.objects.filter(session=session).first(),
        "documents": session.documents.order_by("order", "id"),
        "confirmations": SpeakerConfirmation.objects.filter(
            participation__session=session
        ).select_related("participation__person"),
    }
    if not services.may_edit(session):
        return render(request, "organisers/closed.html", context)
    action = request.POST.get("action") if request.method == "POST" else None
    data = request.POST if action == "edit" else None
    description = DescriptionForm(
        data,
        initial={
            "description": snapshot["description"],
            "description_ru": snapshot["description_ru"],
            "based_on": services.edit_version(session),
        },
    )
    formsets = _formsets(data, snapshot)
    upload = DocumentUploadForm(
        request.POST if action == "document" else None,
        request.FILES if action == "document" else None,
    )
    ask = AskSpeakerForm(request.POST if action == "ask" else None, session=session)
    arrange = _document_formset(
        request.POST if action == "documents" else None, context["documents"]
    )
    if (
        action == "edit"
        and description.is_valid()
        and all(f.is_valid() for f in formsets.values())
    ):
        try:
            edit = services.submit_edit(
                access,
                edited_snapshot(description, formsets),
                based_on=description.cleaned_data["based_on"],
            )
        except services.StaleEdit as stale:
            description.add_error(
                None,
                _(
                    "%(who)s changed this session on %(when)s, after you opened it. "
                    "Your changes were not saved: reload the page to see theirs, "
                    "then make yours again."
                )
                % {
                    "who": stale.who or _("Someone"),
                    "when": date_format(
                        timezone.localtime(stale.when), "DATETIME_FORMAT"
                    ),
                },
            )
        else:
            messages.success(
                request,
                _("Your changes wait for the secretariat's approval.")
                if edit
                else _("Your changes are published."),
            )
            return redirect(request.path)
    if action == "documents" and arrange.is_valid():
        services.record_portal_change(access.email, "organiser")
        removed = arrange_documents(session, *arranged_documents(arrange))
        messages.success(
            request,
            _("The documents are reordered; %(count)d removed.") % {"count": removed}
            if removed
            else _("The documents are reordered."),
        )
        return redirect(request.path)
    if action == "document" and upload.is_valid():
        services.record_portal_change(access.email, "organiser")
        add_document(
            conference=session.conference,
            session=session,
            upload=upload.cleaned_data["file"],
            title=upload.cleaned_data["title"],
            kind=upload.cleaned_data["kind"],
            language=upload.cleaned_data["language"],
            uploaded_by_email=access.email,
        )
        messages.success(request, _("The document was added."))
        return redirect(request.path)
    if action == "ask" and ask.is_valid():
        confirmations.ask_to_confirm(
            ask.cleaned_data["participation"],
            email=ask.cleaned_data["email"],
            language=ask.cleaned_data["language"],
        )
        messages.success(request, _("The person will get a link to confirm."))
        return redirect(request.path)
    context.update(
        {
            "description": description,
            "formsets": formsets,
            "upload": upload,
            "ask": ask,
            "arrange": arrange,
        }
    )
    return render(request, "organisers/portal.html", context, status=200)


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    if limits.address_limited(request):
        return limits.too_many(request)
    confirmation = (
        SpeakerConfirmation.objects.select_related(
            "participation__session__conference",
            "participation__person__organisation",
        )
        .filter(token_hash=hash_token(token))
        .first()
    )
    if confirmation is None:
        if limits.count_miss(request):
            return limits.too_many(request)
        raise Http404
    if limits.token_limited(request, confirmation.token_hash):
        return limits.too_many(request)
    participation = confirmation.participation
    person, session = participation.person, participation.session
    context = {
        "confirmation": confirmation,
        "participation": participation,
        "person": person,
        "session": session,
        "conference": session.conference,
        "contact": secretariat_email(session.conference_id),
    }
    if timezone.now() >= session.end:
        return render(request, "organisers/confirm_closed.html", context)
    initial = {
        "answer": {"confirmed": "confirm", "declined": "decline"}.get(
            confirmation.status
        ),
        "joins_online": participation.joins_online,
        "position": person.position,
        "organisation": person.organisation,
        "bio": person.bio,
    }
    form = ConfirmationForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial=initial,
    )
    if form.is_valid():
        confirmations.answer(
            confirmation,
            confirmed=form.cleaned_data["answer"] == "confirm",
            joins_online=form.cleaned_data["joins_online"],
            bio=form.cleaned_data["bio"],
            position=form.cleaned_data["position"],
            organisation=form.cleaned_data["organisation"],
            photo=form.cleaned_data["photo"] or None,
        )
        messages.success(request, _("Thank you: your answer is saved."))
        return redirect(request.path)
    context["form"] = form
    return render(request, "organisers/confirm.html", context)
