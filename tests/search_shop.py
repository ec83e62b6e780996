"""Shops for the search tests of awkward texts (``anydb``: SQLite, PostgreSQL and MariaDB):
orders with awkward buyer names, e-mails, phones and tracking numbers placed through the
services."""

from __future__ import annotations

from datetime import timedelta

from test_search_grams import DAY
from test_search_grams import ship_it as ship

from app.services.orders import Buyer, Item, place_order


def place(shop, name, phone="0912345678", email="a@example.com", minutes=0, store=None, payment=None,
          shipping=None) -> int:
    return place_order(store_id=(store or shop["store"]).id, buyer=Buyer(name, phone, email, "台北市"),
                       items=[Item("藍牙耳機", 1, 350)], payment_method_id=(payment or shop["atm"]).id,
                       shipping_method_id=(shipping or shop["home"]).id, operator="店員甲",
                       order_date=DAY + timedelta(minutes=minutes)).order_id


#: (name, phone, e-mail, tracking or None)
AWKWARD = [
    ("王小明", "0912-345-678", "Ming.Wang@Example.com", None),
    ("陳美玲", "0987654321", "meiling@mail.tw", "TW-88123456"),
    ("Alice Chen", "0911222333", "alice@shop.tw", None),
    ("ÉMILE Dubois", "0922000111", "emile@Exemple.FR", None),
    ("Élodie Martin", "0922000112", "elodie@x.fr", None),
    ("Иван Петров", "0922000113", "ivan@x.ru", None),
    ("ＡＢＣ商行", "0922000114", "abc@x.tw", None),
    ("José Núñez", "0922000115", "jose@x.es", None),
    ("Jose\u0301 Nun\u0303ez", "0922000116", "jose2@x.es", None),
    ("小明😀", "0922000117", "emoji@x.tw", None),
    ("𠮷野家", "0922000118", "yoshi@x.jp", None),
    ("100% 純_棉\\店", "0922000119", "pct_under%x@x.tw", "AB_12%34"),
    ("O'Brien \"Bob\"", "0922000120", "o'brien@x.ie", None),
    ("[a].*+?(b)|^$", "0922000121", "re@x.tw", None),
    ("#0 林", "0800000000", "sharp@x.tw", None),
    ("Straße GROß", "0922000122", "strasse@x.de", None),
    ("İstanbul Iğdır", "0922000123", "tr@x.tr", None),
    ("王5號", "+886 912 555 666", "w5@x.tw", "E1"),
    ("陳陳陳", "02-2345-6789", "CHEN@GMAIL.COM", "hct-777-888"),
    ("李 大 同", "0933 777 888", "li.da.tong@gmail.com", "7-11 A123"),
    ("ΣΊΣΥΦΟΣ", "0922000124", "sisyphus@x.gr", None),
    ("ǅemal", "0922000125", "dz@x.ba", None),
]


def awkward_shop(shop) -> dict[str, int]:
    ids = {}
    for i, (name, phone, email, tracking) in enumerate(AWKWARD):
        oid = place(shop, name, phone, email, minutes=i)
        if tracking:
            ship(oid, tracking)
        ids[name] = oid
    return ids
