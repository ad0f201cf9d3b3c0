"""`prebrief calendar`: brief the external attendees of a day's meetings from an .ics file."""
