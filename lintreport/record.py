"""`@record`: a dataclass without code generation, for classes built rarely.

`@dataclass` writes the source of `__init__`, `__repr__`, `__eq__`, `__hash__` and `__setattr__`
for each class and `exec`s it at import: 270 to 600 µs a class, which, over the kinds' `Params`
and the other value classes, was a sixth of every start. `@record` builds the same methods as
closures over the field list (20 to 40 µs a class) and fills `__dataclass_fields__`, so
`dataclasses.fields`, `replace`, `asdict` and `is_dataclass` — the pack schema reading `Params`,
docgen, the policy's `replace` calls — treat a record exactly as a dataclass, and a plugin kind
whose `Params` is a real `@dataclass` keeps working beside them.

The generated methods are generic loops, so an instance costs a little more to build than a
dataclass's (about 1 µs for ten fields): classes built per line or per figure are written by hand
on `Frozen` instead. Supported: `frozen`, `kw_only`, `slots`, `eq` and `field(default=,
default_factory=, compare=, hash=, repr=, metadata=)`; not `order`, `init=False` or `InitVar`.
"""

from __future__ import annotations

import dataclasses
import reprlib
import types
from collections.abc import Callable
from operator import attrgetter
from typing import Any, ClassVar, TypeVar, dataclass_transform, get_origin, overload

T = TypeVar("T", bound=type)

_MISSING: Any = dataclasses.MISSING
# The marker dataclasses.fields() keeps a field by (ClassVar and InitVar pseudo-fields carry
# others); a private name, but stable since Python 3.7 and checked by tests/test_record.py.
_FIELD: Any = dataclasses._FIELD  # type: ignore[attr-defined]


@overload
def record(cls: T, /) -> T: ...
@overload
def record(
    *, frozen: bool = False, kw_only: bool = False, slots: bool = False, eq: bool = True
) -> Callable[[T], T]: ...


@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def record(
    cls: T | None = None,
    /,
    *,
    frozen: bool = False,
    kw_only: bool = False,
    slots: bool = False,
    eq: bool = True,
) -> T | Callable[[T], T]:
    """Decorate `cls` like `@dataclass(frozen=..., kw_only=..., slots=..., eq=...)`."""

    def wrap(c: T) -> T:
        return _process(c, frozen=frozen, kw_only=kw_only, slots=slots, eq=eq)

    return wrap if cls is None else wrap(cls)


def _is_classvar(annotation: Any) -> bool:
    if isinstance(annotation, str):  # under `from __future__ import annotations`: the text
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    return annotation is ClassVar or get_origin(annotation) is ClassVar


def _own_fields(cls: type, kw_only: bool) -> list[dataclasses.Field[Any]]:
    out = []
    # not inspect.get_annotations: importing inspect costs more than all the records it would serve
    annotations = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
    for name, annotation in annotations.items():
        if _is_classvar(annotation):
            continue
        value = cls.__dict__.get(name, _MISSING)
        f = value if isinstance(value, dataclasses.Field) else dataclasses.field(default=value)
        f.name = name
        f.type = annotation
        f._field_type = _FIELD  # type: ignore[attr-defined]
        if f.kw_only is _MISSING:  # type: ignore[attr-defined]
            f.kw_only = kw_only  # type: ignore[attr-defined]
        out.append(f)
    return out


def _process(cls: T, *, frozen: bool, kw_only: bool, slots: bool, eq: bool) -> T:
    inherited: dict[str, dataclasses.Field[Any]] = {}
    for base in cls.__mro__[-1:0:-1]:
        inherited.update(getattr(base, "__dataclass_fields__", {}))
    own = _own_fields(cls, kw_only)
    all_fields = {**inherited, **{f.name: f for f in own}}
    fields = tuple(all_fields.values())
    names = tuple(all_fields)

    body: dict[str, Any] = {
        "__dataclass_fields__": all_fields,
        "__dataclass_params__": types.SimpleNamespace(
            init=True,
            repr=True,
            eq=eq,
            order=False,
            unsafe_hash=False,
            frozen=frozen,
            match_args=True,
            kw_only=kw_only,
            slots=slots,
            weakref_slot=False,
        ),
        # A class built per finding may write its own __init__ (it must set every field, with
        # object.__setattr__ when frozen): the generic one costs about twice a generated one.
        "__init__": cls.__dict__.get("__init__")
        or _make_init(fields, frozen, hasattr(cls, "__post_init__")),
    }
    if "__match_args__" not in cls.__dict__:
        body["__match_args__"] = tuple(f.name for f in fields if not f.kw_only)  # type: ignore[attr-defined]
    if "__repr__" not in cls.__dict__:
        body["__repr__"] = _make_repr(tuple(f.name for f in fields if f.repr))
    if eq and "__eq__" not in cls.__dict__:
        body["__eq__"] = _make_eq(_getter(tuple(f.name for f in fields if f.compare)))
    if cls.__dict__.get("__hash__", None) is None and eq:  # as @dataclass: eq without frozen
        hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
        body["__hash__"] = _make_hash(_getter(hashed)) if frozen else None

    if slots:
        ns = {k: v for k, v in cls.__dict__.items() if k not in all_fields}
        ns.pop("__dict__", None)
        ns.pop("__weakref__", None)
        ns["__slots__"] = tuple(f.name for f in own)
        if frozen:  # unpickling sets slots by setattr, which a frozen class refuses
            body["__getstate__"], body["__setstate__"] = _make_state(names)
        cls = type(cls)(cls.__name__, cls.__bases__, ns)
    else:
        for f in own:  # the class attribute is the default, as with @dataclass
            if f.default is not _MISSING:
                setattr(cls, f.name, f.default)
            elif f.name in cls.__dict__:
                delattr(cls, f.name)
    if frozen:
        body["__setattr__"], body["__delattr__"] = _make_frozen(cls, frozenset(names))
    for name, value in body.items():
        if isinstance(value, types.FunctionType):
            value.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, value)
    return cls


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The fields' values as a tuple (compared as @dataclass compares them: as tuples)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        name = names[0]
        return lambda obj: (getattr(obj, name),)
    return lambda obj: ()


def _make_init(fields: tuple[Any, ...], frozen: bool, post_init: bool) -> Callable[..., None]:
    # positional fields first, as in the signature @dataclass writes; (name, default, factory)
    # prepared once, so a call only walks a tuple
    ordered = sorted(fields, key=lambda f: bool(f.kw_only))
    positional = tuple(f.name for f in ordered if not f.kw_only)
    plan = tuple((f.name, f.default, f.default_factory) for f in ordered)
    set_ = object.__setattr__ if frozen else setattr

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        given = len(args)
        if given > len(positional):
            raise TypeError(
                f"__init__() takes {len(positional) + 1} positional arguments "
                f"but {given + 1} were given"
            )
        for name, value in zip(positional, args, strict=False):
            set_(self, name, value)
        if kwargs:
            for name in positional[:given]:
                if name in kwargs:
                    raise TypeError(f"__init__() got multiple values for argument '{name}'")
        missing = []
        for name, default, factory in plan[given:]:
            if name in kwargs:
                set_(self, name, kwargs.pop(name))
            elif default is not _MISSING:
                set_(self, name, default)
            elif factory is not _MISSING:
                set_(self, name, factory())
            else:
                missing.append(name)
        if missing:
            raise TypeError(f"__init__() missing required arguments: {', '.join(missing)}")
        if kwargs:
            raise TypeError(f"__init__() got an unexpected keyword argument '{next(iter(kwargs))}'")
        if post_init:
            self.__post_init__()

    return __init__


def _make_repr(shown: tuple[str, ...]) -> Callable[[Any], str]:
    @reprlib.recursive_repr()
    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{type(self).__qualname__}({inner})"

    return __repr__


def _make_eq(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return values(self) == values(other)

    return __eq__


def _make_hash(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__


def _make_frozen(
    cls: type, names: frozenset[str]
) -> tuple[Callable[[Any, str, Any], None], Callable[[Any, str], None]]:
    # As @dataclass: a subclass that is not itself frozen may still set attributes of its own.
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __setattr__, __delattr__


def _make_state(
    names: tuple[str, ...],
) -> tuple[Callable[[Any], list[Any]], Callable[[Any, list[Any]], None]]:
    def __getstate__(self: Any) -> list[Any]:
        return [getattr(self, n) for n in names]

    def __setstate__(self: Any, state: list[Any]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    return __getstate__, __setstate__


class Frozen:
    """Base of the few immutable value classes built per line or per figure of every document.

    `@record`'s generic `__init__` costs about twice a generated one (2.4 against 1.3 µs for a
    `Line`), which on those classes was ~3% of linting. A subclass lists its fields in
    `__slots__` in the order of its `__init__` (repr and pickling follow it) and writes that
    `__init__` with `object.__setattr__`; this base gives what `@record(frozen=True,
    slots=True)` would: equality and hashing over the fields, repr, immutability, pickling.
    """

    __slots__ = ()
    _values: ClassVar[Callable[[Any], tuple[Any, ...]]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._values = staticmethod(_getter(cls.__slots__))  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values(self) == self._values(other)

    def __hash__(self) -> int:
        return hash(self._values(self))

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__qualname__}({inner})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return (self.__class__, self._values(self))
