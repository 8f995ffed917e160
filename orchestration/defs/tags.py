"""Run tags the stages read: what kind of build a run is, and what it asks for next."""

FULL_TAG = "twbio/full"  # a full refresh builds from nothing instead of from the published warehouse
HELD_BACK_TAG = "twbio/held_back_added"  # a build that held reports back asks for another one
