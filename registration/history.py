"""What the history (django-reversion) keeps of registration's records.

Imported by registration.admin before its ModelAdmins, which would otherwise
register these models with reversion's defaults (no followed relations).
"""

import reversion

from registration.models import (
    CheckIn,
    Invitation,
    OnlineParticipant,
    Registration,
    RegistrationSettings,
    SideEventWait,
)

# An invitation's stored copy includes its registrations (and a registration's
# its side events, a many-to-many field of its own), so the history of an
# invitation shows who registered under it at each moment. Erasing a person's
# data also erases these copies (services.privacy.erase_person).
reversion.register(RegistrationSettings)
reversion.register(Invitation, follow=["registrations"])
reversion.register(Registration)
reversion.register(CheckIn)
reversion.register(OnlineParticipant)
reversion.register(SideEventWait)
