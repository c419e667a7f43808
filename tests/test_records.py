"""Records: the JSON form a store keeps must give back the same mention."""

import datetime as dt


def test_mention_round_trips_through_json() -> None:
    """Stored mentions must merge again exactly as they were made (store keeps them as JSON)."""
    from warledger.records import Actor, Claim, DateSpan, Mention, Place, Span, mention_from_json, mention_to_json

    place = Place("geonames:1", "Sotk", "ARM", 40.2, 45.9, 1, "village", "Gegharkunik", 1000, "geonames", None)
    mention = Mention(
        doc_id="d", sentence=2, paragraph=1, span=Span(10, 80), trigger="shelled", trigger_span=Span(20, 27),
        event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        actor1=Actor("Military Forces of Azerbaijan", 1, "AZE"), actor2=None, sides=("ARM", "AZE"),
        place=place, place_span=Span(40, 44),
        date=DateSpan(dt.date(2022, 9, 12), dt.date(2022, 9, 13), 1, dt.date(2022, 9, 12)), date_span=None,
        historical=False, claims=[Claim("Ministry of Defence of Armenia", "ARM", "text", "d", Span(10, 80), 2,
                                        "ARM", "Example Wire")],
        fatalities_by_side={"ARM": 2}, text="text",
    )
    assert mention_from_json(mention_to_json(mention)) == mention
