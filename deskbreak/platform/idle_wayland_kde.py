"""Client bindings for KDE's ``org_kde_kwin_idle`` Wayland protocol (version 1), for pywayland.

pywayland bundles the wayland-protocols set (``ext-idle-notify-v1`` among them) but not KDE's
plasma-wayland-protocols, and this is the idle protocol that KWin before Plasma 6 and wlroots
before 0.17 (Debian 12's sway 1.7, for one) offer. The interface is small, so it is written out
here in the form pywayland's scanner generates from the XML::

    <interface name="org_kde_kwin_idle" version="1">
      <request name="get_idle_timeout">
        <arg name="id" type="new_id" interface="org_kde_kwin_idle_timeout"/>
        <arg name="seat" type="object" interface="wl_seat"/>
        <arg name="timeout" type="uint" summary="The idle timeout in msec"/>
      </request>
    </interface>
    <interface name="org_kde_kwin_idle_timeout" version="1">
      <request name="release" type="destructor"/>
      <event name="idle"/>
      <event name="resumed"/>
      <request name="simulate_user_activity"/>
    </interface>

Opcodes follow the order in the XML: requests release (0) and simulate_user_activity (1); events
idle (0) and resumed (1). Resource classes (the compositor's side) are here too, for test
stand-ins. Imported only by idle_wayland, and only once pywayland is known to be importable.
"""

from __future__ import annotations

from pywayland.protocol.wayland import WlSeat, WlSeatProxy
from pywayland.protocol_core import Argument, ArgumentType, Global, Interface, Proxy, Resource

__all__ = [
    "OrgKdeKwinIdle",
    "OrgKdeKwinIdleProxy",
    "OrgKdeKwinIdleTimeout",
    "OrgKdeKwinIdleTimeoutProxy",
]


class OrgKdeKwinIdleTimeout(Interface):
    """An idle timeout: ``idle`` after the timeout without input, ``resumed`` at the next input."""

    name = "org_kde_kwin_idle_timeout"
    version = 1


class OrgKdeKwinIdle(Interface):
    """The manager global: creates idle timeouts for a seat."""

    name = "org_kde_kwin_idle"
    version = 1


class OrgKdeKwinIdleTimeoutProxy(Proxy[OrgKdeKwinIdleTimeout]):
    interface = OrgKdeKwinIdleTimeout

    @OrgKdeKwinIdleTimeout.request()
    def release(self) -> None:
        """Destroy the timeout object."""
        self._marshal(0)
        self._destroy()

    @OrgKdeKwinIdleTimeout.request()
    def simulate_user_activity(self) -> None:
        """Reset the timeout as if there had been input (not used by deskbreak)."""
        self._marshal(1)


class OrgKdeKwinIdleProxy(Proxy[OrgKdeKwinIdle]):
    interface = OrgKdeKwinIdle

    @OrgKdeKwinIdle.request(
        Argument(ArgumentType.NewId, interface=OrgKdeKwinIdleTimeout),
        Argument(ArgumentType.Object, interface=WlSeat),
        Argument(ArgumentType.Uint),
    )
    def get_idle_timeout(self, seat: WlSeatProxy, timeout: int) -> OrgKdeKwinIdleTimeoutProxy:
        """A timeout object for ``seat``: idle after ``timeout`` milliseconds without input."""
        proxy: OrgKdeKwinIdleTimeoutProxy = self._marshal_constructor(0, OrgKdeKwinIdleTimeout, seat, timeout)
        return proxy


class OrgKdeKwinIdleTimeoutResource(Resource[OrgKdeKwinIdleTimeout]):
    interface = OrgKdeKwinIdleTimeout

    @OrgKdeKwinIdleTimeout.event()
    def idle(self) -> None:
        self._post_event(0)

    @OrgKdeKwinIdleTimeout.event()
    def resumed(self) -> None:
        self._post_event(1)


class OrgKdeKwinIdleResource(Resource[OrgKdeKwinIdle]):
    interface = OrgKdeKwinIdle


class OrgKdeKwinIdleTimeoutGlobal(Global[OrgKdeKwinIdleTimeout]):
    interface = OrgKdeKwinIdleTimeout


class OrgKdeKwinIdleGlobal(Global[OrgKdeKwinIdle]):
    interface = OrgKdeKwinIdle


OrgKdeKwinIdleTimeout._gen_c()
OrgKdeKwinIdleTimeout.proxy_class = OrgKdeKwinIdleTimeoutProxy
OrgKdeKwinIdleTimeout.resource_class = OrgKdeKwinIdleTimeoutResource
OrgKdeKwinIdleTimeout.global_class = OrgKdeKwinIdleTimeoutGlobal

OrgKdeKwinIdle._gen_c()
OrgKdeKwinIdle.proxy_class = OrgKdeKwinIdleProxy
OrgKdeKwinIdle.resource_class = OrgKdeKwinIdleResource
OrgKdeKwinIdle.global_class = OrgKdeKwinIdleGlobal
