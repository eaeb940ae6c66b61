"""Pages of registration, by audience: the invitee, online sign-up, staff.

Views stay thin: forms validate, services write, selectors read.
"""
