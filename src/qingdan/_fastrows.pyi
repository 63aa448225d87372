from typing import Any

def texts(rows: list[dict[str, Any]], keys: tuple[str, ...], /) -> list[list[str | None]]: ...
def filled(rows: list[dict[str, Any]], keys: tuple[str, ...], /) -> list[int]: ...
def made(
    cls: type[tuple[Any, ...]],
    rows: list[tuple[Any, ...]],
    width: int,
    shared: dict[Any, tuple[Any, ...]] = ...,
    fields: tuple[int, ...] = ...,
    /,
) -> tuple[Any, ...]: ...
