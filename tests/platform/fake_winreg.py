"""A stand-in for the few winreg functions deskbreak calls, over a dict of keys, on any OS.

keys maps (hive, path) to {value name: (data, type)}; a key's parents are implied, not stored
(so a test compares `keys` before and after). As in the real registry, key names ignore case, a
key with subkeys cannot be deleted, and a missing key or value raises FileNotFoundError.
`denied` makes every call fail as a locked-down registry does.
"""

from __future__ import annotations

from typing import Any

Values = dict[str, tuple[object, int]]


class FakeKey:
    def __init__(self, path: str, values: Values) -> None:
        self.path, self.values = path, values

    def __enter__(self) -> FakeKey:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def _missing() -> FileNotFoundError:
    return FileNotFoundError(2, "The system cannot find the file specified")


class FakeWinreg:
    HKEY_CURRENT_USER = 0x80000001
    KEY_QUERY_VALUE, KEY_SET_VALUE, KEY_READ, KEY_ALL_ACCESS = 1, 2, 0x20019, 0xF003F
    REG_SZ, REG_BINARY, REG_DWORD = 1, 3, 4

    def __init__(self, keys: dict[tuple[int, str], Values] | None = None) -> None:
        self.keys = keys if keys is not None else {}
        self.denied = False

    def _check(self) -> None:
        if self.denied:
            raise PermissionError(13, "Access is denied")

    def _subkeys(self, hive: int, path: str) -> list[str]:
        prefix = path.lower() + "\\"
        names = {
            p[len(prefix) :].split("\\")[0]
            for h, p in self.keys
            if h == hive and p.lower().startswith(prefix)
        }
        return sorted(names)

    def _where(self, key: Any, sub_key: str) -> tuple[int, str]:
        """(hive, full path) of `sub_key` under a hive or an open key."""
        if isinstance(key, int):
            return key, sub_key
        return self.HKEY_CURRENT_USER, f"{key.path}\\{sub_key}"

    def _find(self, hive: int, path: str) -> str | None:
        """The stored spelling of `path` (key names are case-insensitive), None if absent."""
        return next((p for h, p in self.keys if h == hive and p.lower() == path.lower()), None)

    def OpenKey(self, key: Any, sub_key: str, reserved: int = 0, access: int = 1) -> FakeKey:  # noqa: N802
        self._check()
        hive, path = self._where(key, sub_key)
        found = self._find(hive, path)
        if found is None:
            raise _missing()
        return FakeKey(found, self.keys[hive, found])

    def CreateKeyEx(self, hive: int, path: str, reserved: int = 0, access: int = 2) -> FakeKey:  # noqa: N802
        self._check()
        found = self._find(hive, path)
        if found is None:
            found, self.keys[hive, path] = path, {}
        return FakeKey(found, self.keys[hive, found])

    def QueryValueEx(self, key: FakeKey, name: str) -> tuple[object, int]:  # noqa: N802
        if name not in key.values:
            raise _missing()
        return key.values[name]

    def SetValueEx(self, key: FakeKey, name: str, reserved: int, kind: int, data: Any) -> None:  # noqa: N802
        key.values[name] = (data, kind)

    def DeleteValue(self, key: FakeKey, name: str) -> None:  # noqa: N802
        if name not in key.values:
            raise _missing()
        del key.values[name]

    def QueryInfoKey(self, key: FakeKey) -> tuple[int, int, int]:  # noqa: N802
        return len(self._subkeys(self.HKEY_CURRENT_USER, key.path)), len(key.values), 0

    def EnumValue(self, key: FakeKey, index: int) -> tuple[str, object, int]:  # noqa: N802
        items = list(key.values.items())
        if index >= len(items):
            raise OSError(259, "No more data is available")
        name, (data, kind) = items[index]
        return name, data, kind

    def EnumKey(self, key: FakeKey, index: int) -> str:  # noqa: N802
        names = self._subkeys(self.HKEY_CURRENT_USER, key.path)
        if index >= len(names):
            raise OSError(259, "No more data is available")
        return names[index]

    def DeleteKey(self, key: Any, sub_key: str) -> None:  # noqa: N802
        self._check()
        hive, path = self._where(key, sub_key)
        found = self._find(hive, path)
        if found is None:
            raise _missing()
        if self._subkeys(hive, found):
            raise PermissionError(5, "Access is denied")  # winreg cannot delete a key with subkeys
        del self.keys[hive, found]
