"""The Library the App is handed: one Store per thread, user data saved field by field, the page
cache kept in step with saves. A real store in a temp folder; no Textual."""

from __future__ import annotations

import threading

from filmtui.library import Library
from filmtui.models import UserData
from filmtui.store import Store

HEAT = 949


def in_thread(call):
    found = []
    thread = threading.Thread(target=lambda: found.append(call()))
    thread.start()
    thread.join()
    return found[0]


def test_each_thread_works_through_a_store_of_its_own(store: Store) -> None:
    library = Library(store)
    assert library.store() is store  # the thread that opened it
    theirs = in_thread(lambda: (library.store(), library.store()))
    assert theirs[0] is theirs[1] and theirs[0] is not store
    assert theirs[0].root == store.root


def test_saves_from_two_threads_keep_both_fields_and_the_cached_page_follows(store: Store) -> None:
    library = Library(store)
    library.load()
    assert library.film(HEAT) is not None  # cached now
    threads = [threading.Thread(target=library.save_mine, args=(HEAT,), kwargs=changes)
               for changes in ({"watchlist": True}, {"note": "coffee scene"})]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Store.open(store.root, store.catalog).user(HEAT) == UserData(watchlist=True, note="coffee scene")
    assert library.mine(HEAT).watchlist and library.cached_film(HEAT).user == library.mine(HEAT)
    assert library.watchlist == frozenset({HEAT})
