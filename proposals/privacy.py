"""What is held about a proposer, for a subject access request, and its erasure."""

from django.db import transaction

from proposals.models import Proposal

ERASED = "erased"
CONTACT_FIELDS = ("contact_name", "contact_email")


def personal_data_of(email: str) -> list[dict]:
    """The proposals this address sent, with every saved version."""
    proposals = Proposal.objects.filter(
        contact_email__iexact=email.strip()
    ).prefetch_related("versions")
    return [
        {
            "conference": proposal.call.conference.slug,
            "title": proposal.title,
            "status": proposal.status,
            "contact_name": proposal.contact_name,
            "contact_email": proposal.contact_email,
            "consent_at": proposal.consent_at.isoformat()
            if proposal.consent_at
            else None,
            "versions": [
                {"number": v.number, "saved": v.created_at.isoformat(), **v.data}
                for v in proposal.versions.all()
            ],
        }
        for proposal in proposals.select_related("call__conference")
    ]


def erase_proposer(email: str) -> int:
    """Forget a proposer: undecided or declined proposals go; accepted ones keep
    their session and lose the contact person, in every version. Returns the count.
    """
    count = 0
    with transaction.atomic():
        proposals = Proposal.objects.select_for_update().filter(
            contact_email__iexact=email.strip()
        )
        for proposal in proposals:
            if proposal.status != Proposal.Status.ACCEPTED:
                count += proposal.versions.count() + 1
                proposal.delete()
                continue
            proposal.contact_name = ERASED
            proposal.contact_email = f"{ERASED}-{proposal.pk}@invalid"
            proposal.save(update_fields=[*CONTACT_FIELDS, "updated_at"])
            for version in proposal.versions.all():
                version.data.update(
                    contact_name=proposal.contact_name,
                    contact_email=proposal.contact_email,
                )
                version.save(update_fields=["data"])
                count += 1
            count += 1
    return count
