"""The two Wayland idle protocols, on deskbreak's own wire client (wayland_wire.py).

Each is small enough to write out by hand. Opcodes follow the order in each protocol's XML,
requests and events counted apart; the idle events are 0 and "resumed" 1 in both.

KDE's ``org_kde_kwin_idle`` (plasma-wayland-protocols ``src/protocols/idle.xml``, version 1):
KWin before Plasma 6 and wlroots before 0.17 (Debian 12's sway 1.7, for one)::

    <interface name="org_kde_kwin_idle" version="1">
      <request name="get_idle_timeout">                              opcode 0
        <arg name="id" type="new_id" interface="org_kde_kwin_idle_timeout"/>
        <arg name="seat" type="object" interface="wl_seat"/>
        <arg name="timeout" type="uint" summary="The idle timeout in msec"/>
    <interface name="org_kde_kwin_idle_timeout" version="1">
      <request name="release" type="destructor"/>                    opcode 0
      <request name="simulate_user_activity"/>                       opcode 1
      <event name="idle"/>                                           opcode 0
      <event name="resumed"/>                                        opcode 1

``ext-idle-notify-v1`` (wayland-protocols ``staging/ext-idle-notify/ext-idle-notify-v1.xml``,
version 2): wlroots >= 0.17, KDE Plasma 6, COSMIC. Note the argument order, unlike KDE's::

    <interface name="ext_idle_notifier_v1" version="2">
      <request name="destroy" type="destructor"/>                    opcode 0
      <request name="get_idle_notification">                         opcode 1
        <arg name="id" type="new_id" interface="ext_idle_notification_v1"/>
        <arg name="timeout" type="uint"/>
        <arg name="seat" type="object" interface="wl_seat"/>
      <request name="get_input_idle_notification" since="2">         opcode 2 (same arguments)
    <interface name="ext_idle_notification_v1" version="2">
      <request name="destroy" type="destructor"/>                    opcode 0
      <event name="idled"/>                                          opcode 0
      <event name="resumed"/>                                        opcode 1
"""

from __future__ import annotations

from deskbreak.platform.wayland_wire import Connection, Handler

__all__ = ["IDLED", "RESUMED", "ExtIdleNotifierV1", "IdleManager", "OrgKdeKwinIdle"]

IDLED, RESUMED = 0, 1  # the events of both notification interfaces


class IdleManager:
    """A bound idle-manager global: makes notifications for a seat and ends them."""

    interface = ""
    destroy_opcode: int | None = None  # the manager's own destructor, if it has one

    def __init__(self, wire: Connection, registry: int, name: int, version: int) -> None:
        self.wire = wire
        self.version = version
        self.id = wire.bind(registry, name, self.interface, version, None)  # no events

    def notification(self, seat: int, timeout_ms: int, handler: Handler) -> int:
        """A new notification of ``timeout_ms`` on ``seat``; ``handler`` gets IDLED and RESUMED."""
        raise NotImplementedError

    def end(self, notification: int) -> None:
        """The notification's destructor request (0 in both protocols)."""
        self.wire.request(notification, 0)
        self.wire.forget(notification)

    def destroy(self) -> None:
        if self.destroy_opcode is not None:
            self.wire.request(self.id, self.destroy_opcode)
        self.wire.forget(self.id)


class OrgKdeKwinIdle(IdleManager):
    interface = "org_kde_kwin_idle"
    GET_IDLE_TIMEOUT = 0

    def notification(self, seat: int, timeout_ms: int, handler: Handler) -> int:
        timeout = self.wire.new_id(handler)
        self.wire.request(self.id, self.GET_IDLE_TIMEOUT, "nou", timeout, seat, timeout_ms)
        return timeout


class ExtIdleNotifierV1(IdleManager):
    """ext_idle_notifier_v1; from version 2 the input-only notification (idle inhibitors ignored)."""

    interface = "ext_idle_notifier_v1"
    destroy_opcode = 0
    GET_IDLE_NOTIFICATION = 1
    GET_INPUT_IDLE_NOTIFICATION = 2

    @property
    def input_only(self) -> bool:
        return self.version >= 2

    def notification(self, seat: int, timeout_ms: int, handler: Handler) -> int:
        opcode = self.GET_INPUT_IDLE_NOTIFICATION if self.input_only else self.GET_IDLE_NOTIFICATION
        made = self.wire.new_id(handler)
        self.wire.request(self.id, opcode, "nuo", made, timeout_ms, seat)
        return made
