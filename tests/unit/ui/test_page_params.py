"""Page parameters read from the router's route pattern and address (not RouterData.page)."""

from __future__ import annotations

from reflex.istate.data import ReflexURL, RouterData

from app.state.page_params import page_param


def router(route: str, address: str) -> RouterData:
    return RouterData(route_id=route, url=ReflexURL(f"http://localhost:8080{address}"))


def test_a_dynamic_segment_is_read_from_the_address() -> None:
    assert page_param(router("/workouts/[id]", "/workouts/6650f1c2"), "id") == "6650f1c2"
    assert page_param(router("/diary/[day]", "/diary/2026-01-05/"), "day") == "2026-01-05"
    assert page_param(router("/admin/users/[id]", "/admin/users/a%20b"), "id") == "a b"


def test_a_query_parameter_when_the_route_has_no_such_segment() -> None:
    progress = router("/progress", "/progress?exercise=builtin:squat&range=90")
    assert page_param(progress, "exercise") == "builtin:squat"
    assert page_param(router("/diary", "/diary"), "day") == ""
    assert page_param(router("/programs/[id]", "/programs"), "id", "new") == "new"


def test_the_reflex_router_agrees_for_a_real_event() -> None:
    # What Reflex builds from an event's router data: the matched route and the address.
    data = RouterData.from_router_data(
        {
            "pathname": "/workouts/[id]",
            "asPath": "/workouts/abc123?from=history",
            "query": {"id": "abc123", "from": "history"},
            "headers": {"origin": "http://localhost:8080"},
        }
    )
    assert page_param(data, "id") == data._page.params["id"] == "abc123"
    assert page_param(data, "from") == "history"
