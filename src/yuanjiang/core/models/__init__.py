from .base import PlatformModel
from .changelog import ObjectChange
from .commands import Batch, Command, CommandMember, CommandPairing
from .jobs import ImportJob, ImportStatus
from .organisations import Organisation
from .pairings import Pairing
from .regions import Region
from .users import User

__all__ = [
    "Batch",
    "Command",
    "CommandMember",
    "CommandPairing",
    "ImportJob",
    "ImportStatus",
    "ObjectChange",
    "Organisation",
    "Pairing",
    "PlatformModel",
    "Region",
    "User",
]
