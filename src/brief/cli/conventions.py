"""Command-line conventions people bring from other tools.

- Options of the whole run are accepted after the command as well as before it:
  `brief summarize seeds/ --no-cache` is `brief --no-cache summarize seeds/`.
- `--help` shows a flag as a flag and an argument by its name, not by its Python type
  (Typer's help would print `--no-cache <bool>` and `paths... <list[Path]>`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from typer.core import TyperArgument, TyperGroup, TyperOption

# Typer carries its own private copy of Click. Its classes are reached only through
# Typer's public subclasses and the objects Typer hands over; what is read of them is
# named here, so nothing depends on where Typer keeps Click.


class _Param(Protocol):
    @property
    def name(self) -> str | None: ...


class _Command(Protocol):
    params: list[Any]

    def get_help_option(self, ctx: Any) -> Any: ...


class BriefGroup(TyperGroup):
    """The `brief` command group, with the conventions above."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_help(self)

    def get_params(self, ctx: Any) -> list[Any]:
        # Typer adds --install-completion and --show-completion after the group is built.
        params = super().get_params(ctx)
        for param in params:
            if getattr(param, "is_flag", False):
                param.metavar = ""
        return params

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, globals_first(self, args))


def plain_help(command: _Command) -> None:
    """Flags without a type beside them; arguments shown by their own names, as
    `PATHS...` (Typer would print `{paths}...` and `<list[Path]>`)."""
    for param in command.params:
        if isinstance(param, TyperArgument):
            if param.name:
                _plain_argument(param)
        elif getattr(param, "is_flag", False) or getattr(param, "count", False):
            param.metavar = ""  # any option of Typer's or Click's that takes no value
        elif getattr(param, "multiple", False) and param.name:
            param.metavar = param.name.upper()  # "--corpus CORPUS", given once per value
    help_option = command.get_help_option

    def plain_help_option(ctx: Any) -> Any:
        option = help_option(ctx)
        if option is not None:
            option.metavar = ""
        return option

    setattr(command, "get_help_option", plain_help_option)  # noqa: B010
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            plain_help(sub)


def _plain_argument(argument: TyperArgument) -> None:
    many = "..." if argument.nargs != 1 else ""
    shown = f"{(argument.name or '').upper()}{many}"
    usage = shown if argument.required else f"[{shown}]"
    # Instance attributes: Typer reads these three through the argument object.
    setattr(argument, "_rich_display_name", lambda: shown)  # noqa: B010
    setattr(argument, "get_usage_pieces", lambda ctx: [usage])  # noqa: B010
    setattr(argument, "display_type_rich", lambda ctx: None)  # noqa: B010


def globals_first(group: TyperGroup, args: list[str]) -> list[str]:
    """`args` with the group's own options moved from after the command to before it,
    unless the command has an option of the same name. After `--` nothing moves."""
    own = {name: param for param in group.params for name in _names(param)}
    at = _command_index(group, args, own)
    if at is None:
        return args
    command = group.commands[args[at]]
    theirs = _all_option_names(command)
    after: list[str] = []
    moved: list[str] = []
    rest = iter(args[at + 1 :])
    for token in rest:
        if token == "--":
            after += [token, *rest]
            break
        name = token.split("=", 1)[0]
        param = own.get(name)
        if param is None or name in theirs:
            after.append(token)
            continue
        moved.append(token)
        if _takes_value(param) and "=" not in token:
            value = next(rest, None)
            if value is not None:
                moved.append(value)
    return [*args[:at], *moved, args[at], *after]


def _command_index(group: TyperGroup, args: list[str], own: Mapping[str, _Param]) -> int | None:
    skip = False
    for index, token in enumerate(args):
        if skip:
            skip = False
            continue
        if token == "--":
            return None
        name = token.split("=", 1)[0]
        if name in own:
            skip = _takes_value(own[name]) and "=" not in token
            continue
        if token in group.commands:
            return index
        if not token.startswith("-"):
            return None
    return None


def _all_option_names(command: _Command) -> set[str]:
    names = {name for param in command.params for name in _names(param)}
    if isinstance(command, TyperGroup):  # `brief batch collect`: any subcommand's options
        for sub in command.commands.values():
            names |= _all_option_names(sub)
    return names


def _names(param: _Param) -> list[str]:
    return [*param.opts, *param.secondary_opts] if isinstance(param, TyperOption) else []


def _takes_value(param: _Param) -> bool:
    return isinstance(param, TyperOption) and not (param.is_flag or param.count)
