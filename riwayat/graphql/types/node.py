from __future__ import annotations

import strawberry


@strawberry.interface(description="An object with a global id: the UUID of its event stream.")
class Node:
    id: strawberry.ID
