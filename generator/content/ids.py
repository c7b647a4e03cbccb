"""References between content files: the marker on a field that names an id defined elsewhere, the ids
the content defines, and where records name them, all found from the markers."""

from __future__ import annotations

import types
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo


@dataclass(frozen=True)
class Ref:
    """On an id's type (`Annotated[Id, Ref("source")]`): the id names something defined elsewhere.

    `kind` is what it names (see `DEFINED`), or "answer": an option of the question the mapping key
    above it names. `every`, on a mapping's key: the mapping needs every id of the kind as a key."""

    kind: str
    every: bool = False

    def __post_init__(self) -> None:
        if self.kind not in DEFINED:
            raise ValueError(
                f"Ref({self.kind!r}): expected one of the kinds in ids.DEFINED: {', '.join(DEFINED)}"
            )

    def noun(self, question: str | None = None) -> str:
        """What messages call one: 'source', or "option for 'platform'" for an answer."""
        return f"option for {question!r}" if self.kind == "answer" else self.kind


# Where each kind of id is defined: the file, and the keys of the nested lists whose records carry them
# (a fact is the `id` of an item of `figures` in an item of `sources`). An answer belongs to the record
# of the first list: the options of one question.
DEFINED: dict[str, tuple[str, tuple[str, ...]]] = {
    "outcome": ("decision", ("outcomes",)),
    "question": ("decision", ("questions",)),
    "answer": ("decision", ("questions", "options")),
    "route": ("comparison", ("options",)),
    "source": ("sources", ("sources",)),
    "page": ("pages", ("pages",)),
    "fact": ("sources", ("sources", "figures")),
}


@dataclass(frozen=True)
class Ids:
    """The ids defined in content/, in file order, once each: what references may name."""

    of_kind: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    answers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # question id -> option ids

    def of(self, ref: Ref, question: str | None = None) -> tuple[str, ...]:
        """The ids a reference may name (for an answer: the options of its question)."""
        if ref.kind == "answer":
            return self.answers.get(question or "", ())
        return self.of_kind.get(ref.kind, ())


def _get(data: Any, key: str) -> Any:
    if isinstance(data, dict):
        return data.get(key)
    return getattr(data, key, None) if isinstance(data, BaseModel) else None


def _items(data: Any, keys: tuple[str, ...]) -> Iterator[Any]:
    """The records at the end of the nested lists named by `keys`, skipping anything malformed."""
    if not keys:
        yield data
        return
    items = _get(data, keys[0])
    for item in items if isinstance(items, list) else []:
        yield from _items(item, keys[1:])


def _ids(records: Iterable[Any]) -> tuple[str, ...]:
    found = (_get(record, "id") for record in records)
    return tuple(dict.fromkeys(i for i in found if isinstance(i, str) and i))


def ids_in(files: Mapping[str, Any]) -> Ids:
    """The ids in the files (name -> plain data, or validated record), leniently: a half-written entry
    is skipped, so editors' tools and "did you mean" hints work while a file is still being written."""
    name, (questions, *options) = DEFINED["answer"]
    answers: dict[str, tuple[str, ...]] = {}
    for question in _items(files.get(name), (questions,)):
        qid = _get(question, "id")
        if isinstance(qid, str) and qid:
            answers.setdefault(qid, _ids(_items(question, tuple(options))))
    return Ids(
        of_kind={kind: _ids(_items(files.get(name), keys)) for kind, (name, keys) in DEFINED.items()},
        answers=answers,
    )


# --- the markers on the model's fields ----------------------------------------------------------


def declared(info: FieldInfo) -> Any:
    """A field's type with its markers: pydantic keeps the outer `Annotated` metadata apart."""
    return Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def ref_of(annotation: Any) -> Ref | None:
    """The marker on a type (`Annotated[Id, Ref(...)]`), if any."""
    if get_origin(annotation) is not Annotated:
        return None
    return next((m for m in annotation.__metadata__ if isinstance(m, Ref)), None)


def bare(annotation: Any) -> Any:
    """The type without its `Annotated` metadata, and without `None` when it is optional."""
    while True:
        inner = (
            get_args(annotation)[0] if get_origin(annotation) is Annotated else unwrap_optional(annotation)
        )
        if inner is annotation:
            return annotation
        annotation = inner


def _is_union(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, types.UnionType)


def _record(annotation: Any) -> type[BaseModel] | None:
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def unwrap_optional(annotation: Any) -> Any:
    """`X | None` as `X`, keeping X's markers (unlike `bare`, which drops them)."""
    if _is_union(annotation):
        others = [a for a in get_args(annotation) if a is not type(None)]
        if len(others) == 1:
            return others[0]
    return annotation


def records(roots: Iterable[type[BaseModel]]) -> dict[str, type[BaseModel]]:
    """Every record type the roots hold, directly or nested, by name."""
    found: dict[str, type[BaseModel]] = {}
    todo = list(roots)
    while todo:
        model = todo.pop()
        if model.__name__ in found:
            continue
        found[model.__name__] = model
        todo += [r for info in model.model_fields.values() for r in _nested(declared(info))]
    return found


def _nested(annotation: Any) -> Iterator[type[BaseModel]]:
    if _record(annotation):
        yield annotation
    for arg in get_args(annotation):
        yield from _nested(arg)


def markers(annotation: Any) -> list[Ref]:
    """Every marker a field's type carries, however deep (a list's items, a mapping's keys and values)."""
    own = [ref_of(annotation)] if ref_of(annotation) else []
    return own + [m for arg in get_args(annotation) for m in markers(arg) if not _record(arg)]


def reference_fields(roots: Iterable[type[BaseModel]]) -> dict[str, list[Ref]]:
    """'Record.field' -> the markers on it, for every field of every record that names ids."""
    return {
        f"{name}.{field_name}": found
        for name, model in records(roots).items()
        for field_name, info in model.model_fields.items()
        if (found := markers(declared(info)))
    }


# --- where records name ids ---------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """One id a record names: its path from the file's top, its marker, the field ('Record.field') and,
    for an answer, the question it answers; `key` when the id is a mapping's key."""

    path: tuple[Any, ...]
    ref: Ref
    value: str
    field: str
    question: str | None = None
    key: bool = False


@dataclass(frozen=True)
class Keys:
    """A mapping whose keys must be every id of their kind (`Ref(..., every=True)`), with the keys it has."""

    path: tuple[Any, ...]
    ref: Ref
    keys: tuple[str, ...]
    field: str


def references(record: BaseModel, path: tuple[Any, ...] = ()) -> Iterator[Found | Keys]:
    """Every id a validated record names, however deep, found from the markers on its fields."""
    for name, info in type(record).model_fields.items():
        where = _Where(f"{type(record).__name__}.{name}")
        yield from where.walk(declared(info), getattr(record, name), (*path, name))


@dataclass(frozen=True)
class _Where:
    """The walk through one field's value, alongside its type."""

    field: str
    question: str | None = None  # the question the answers below answer

    def walk(self, annotation: Any, value: Any, path: tuple[Any, ...]) -> Iterator[Found | Keys]:
        if isinstance(value, BaseModel):
            yield from references(value, path)
            return
        annotation = unwrap_optional(annotation)
        ref = ref_of(annotation)
        if ref is not None and isinstance(value, str):
            yield Found(path, ref, value, self.field, self.question)
            return
        base = bare(annotation)
        if get_origin(base) is list and isinstance(value, list):
            for index, item in enumerate(value):
                yield from self.walk(get_args(base)[0], item, (*path, index))
        elif get_origin(base) is dict and isinstance(value, dict):
            yield from self.mapping(base, value, path)

    def mapping(
        self, annotation: Any, value: dict[Any, Any], path: tuple[Any, ...]
    ) -> Iterator[Found | Keys]:
        key_type, value_type = get_args(annotation)
        ref = ref_of(key_type)
        if ref is not None and ref.every:
            yield Keys(path, ref, tuple(value), self.field)
        for key, item in value.items():
            if ref is not None:
                yield Found((*path, key), ref, key, self.field, self.question, key=True)
            below = _Where(self.field, answering(ref, key, self.question))
            yield from below.walk(value_type, item, (*path, key))


def answering(key_ref: Ref | None, key: str, question: str | None) -> str | None:
    """The question the values under a mapping key answer: the key itself, when it names a question."""
    return key if key_ref is not None and key_ref.kind == "question" else question


def ref_at(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[Ref, str | None] | None:
    """The marker at a validation error's place (pydantic's `loc`), with the question an answer there
    answers; None when the value there names no id."""
    annotation: Any = model
    question: str | None = None
    parts = list(loc)
    while parts:
        part = parts.pop(0)
        base = bare(annotation)
        if _record(base):
            if part not in base.model_fields:
                return None
            annotation = declared(base.model_fields[part])
        elif _is_union(base):  # pydantic names the member it tried: a record's name, or a tag for text
            annotation = _member(base, part)
        elif get_origin(base) is list:
            annotation = get_args(base)[0]
        elif get_origin(base) is dict:
            key_type, value_type = get_args(base)
            if parts[:1] == ["[key]"]:
                parts.pop(0)
                annotation = key_type
            else:
                annotation, question = value_type, answering(ref_of(key_type), part, question)
        else:
            return None
    ref = ref_of(unwrap_optional(annotation))
    return (ref, question) if ref is not None else None


def _member(union: Any, tag: Any) -> Any:
    members = get_args(union)
    named = [m for m in members if getattr(bare(m), "__name__", None) == tag]
    return named[0] if named else next((m for m in members if not _record(bare(m))), None)
