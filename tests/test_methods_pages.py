"""The 付款方式 and 送貨方式 pages driven like a person: the real buttons, the real check boxes,
the real dialogs (filled and OK'd), then the database and the table the clerk looks at."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyleOptionViewItem,
)

from app.dialogs.payment_method_dialog import PaymentMethodDialog
from app.dialogs.shipping_method_dialog import ShippingMethodDialog
from app.models.tables import MethodHistory, Order, PaymentMethod, ShippingMethod
from app.services import methods as svc
from app.services.methods import PaymentMethodInput as PayIn
from app.services.methods import ShippingMethodInput as ShipIn
from app.services.op_changes import OpChanges
from app.views.methods_page import Col, PaymentMethodsPage, ShippingMethodsPage
from app.views.prompts import Kind
from app.views.session import Session

OP = "店員甲"


# --- fixtures and helpers ----------------------------------------------------------------


def _shown(qtbot, page):
    qtbot.addWidget(page)
    page.resize(900, 400)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def payment_page(qtbot, shop, session):
    return _shown(qtbot, PaymentMethodsPage(session))


@pytest.fixture
def shipping_page(qtbot, shop, session):
    return _shown(qtbot, ShippingMethodsPage(session))


@pytest.fixture
def confirms(prompts):
    """Answer 【刪除】's question with yes; keep what was asked."""
    asked = []

    def fake(parent, prompt):
        asked.append((prompt.title, prompt.text))
        return True

    prompts.answers[Kind.CONFIRM] = fake
    return asked


@pytest.fixture
def errors(prompts):
    shown = []
    prompts.answers[Kind.WARNING] = lambda parent, prompt: shown.append(prompt.text)
    return shown


def column(page, col: Col) -> list:
    m = page.model
    c = m.column_of(col)
    return [m.data(m.index(r, c)) for r in range(m.rowCount())]


def tick(qtbot, page, title: str) -> None:
    """Click the check box at the left of the row titled ``title``."""
    m, view = page.model, page.view
    row = column(page, Col.TITLE).index(title)
    index = m.index(row, m.column_of(Col.CHECK))
    view.scrollTo(index)
    opt = QStyleOptionViewItem()
    opt.initFrom(view)
    opt.rect = view.visualRect(index)
    opt.features = QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    opt.checkState = m.data(index, Qt.CheckStateRole)
    rect = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, view)
    before = m.data(index, Qt.CheckStateRole)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=rect.center())
    assert m.data(index, Qt.CheckStateRole) != before, "the click missed the check box"


def click_row(qtbot, page, title: str) -> None:
    row = column(page, Col.TITLE).index(title)
    rect = page.view.visualRect(page.model.index(row, page.model.column_of(Col.TITLE)))
    qtbot.mouseClick(page.view.viewport(), Qt.LeftButton, pos=rect.center())


def row_button(page, title: str, name: str) -> QPushButton:
    row = page.model.rows()[column(page, Col.TITLE).index(title)]
    cell = page.row_buttons(row.id)
    button = cell.findChild(QPushButton, name)
    assert button is not None and button.isVisible(), f"no visible {name} button on {title}"
    return button


def with_dialog(qtbot, act):
    """Run ``act(dialog)`` on the modal dialog the next click opens.  If ``act`` fails the
    dialog is closed so the test fails instead of hanging, and the failure is raised."""
    failures = []
    tries = [0]

    def run():
        dlg = QApplication.activeModalWidget()
        if dlg is None:
            tries[0] += 1
            if tries[0] < 300:  # about 3 s
                QTimer.singleShot(10, run)
            else:
                failures.append(AssertionError("no modal dialog opened"))
            return
        try:
            act(dlg)
        except BaseException as e:  # noqa: BLE001 - re-raised below
            failures.append(e)
            dlg.reject()

    QTimer.singleShot(0, run)
    return failures


def history(kind):
    return [(h.method_id, h.action, h.operator) for h in svc.method_history(kind)]


# --- the table model ---------------------------------------------------------------------


def test_models_pass_qtmodeltester(qtmodeltester, payment_page, shipping_page, place, shop):
    place()
    svc.delete_shipping_methods([shop["home"].id], operator=OP)
    for page in (payment_page, shipping_page):
        qtmodeltester.check(page.model, force_py=True)
        page.archived_switch.setChecked(True)
        qtmodeltester.check(page.model, force_py=True)


def test_tables_show_titles_money_and_headers(shipping_page, payment_page):
    assert column(payment_page, Col.TITLE) == ["ATM 轉帳", "信用卡"]
    m = shipping_page.model
    headers = [m.headerData(c, Qt.Horizontal) for c in range(m.columnCount())]
    assert headers == ["選取", "送貨標題", "運費", "免運費條件", "說明", "狀態", "操作"]
    assert column(shipping_page, Col.FEE) == ["NT$120", "NT$65"]
    assert column(shipping_page, Col.FREE_THRESHOLD) == ["滿 NT$1,000 免運", "不提供免運"]
    assert payment_page.add_button.text() == "新增付款方式"
    assert shipping_page.add_button.text() == "新增送貨方式"
    assert not payment_page.delete_button.isEnabled()  # nothing ticked
    assert shipping_page.view.isColumnHidden(m.column_of(Col.STATUS))


# --- add ---------------------------------------------------------------------------------


def test_add_payment_method_through_the_real_dialog(qtbot, payment_page):
    page = payment_page

    def fill(dlg):
        assert isinstance(dlg, PaymentMethodDialog)
        assert dlg.windowTitle() == "新增付款方式" and dlg.ok_button.text() == "新增"
        qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)  # empty title: refused, stays open
        assert dlg.isVisible() and dlg.title_error.isVisible()
        assert dlg.title_error.text() == "此欄位必填。"
        dlg.title_edit.insert("信用卡")  # taken by an active method
        qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
        assert dlg.isVisible() and "已有名為「信用卡」" in dlg.title_error.text()
        dlg.title_edit.clear()
        dlg.title_edit.insert("LINE Pay")
        assert not dlg.title_error.isVisible()  # typing clears the complaint
        dlg.description_edit.insertPlainText("掃描 QR 碼付款")
        qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)

    failures = with_dialog(qtbot, fill)
    with qtbot.waitSignal(page.session.changed, timeout=3000):
        qtbot.mouseClick(page.add_button, Qt.LeftButton)
    assert not failures, failures
    m = PaymentMethod.get(PaymentMethod.title == "LINE Pay")
    assert (m.description, m.position, m.archived) == ("掃描 QR 碼付款", 3, False)
    assert column(page, Col.TITLE) == ["ATM 轉帳", "信用卡", "LINE Pay"]
    assert history("payment") == [(m.id, "add", OP)]
    assert "LINE Pay" in page.message.text()


def test_add_shipping_method_through_the_real_dialog_refuses_bad_money(qtbot, shipping_page):
    page = shipping_page
    before = list(ShippingMethod.select().dicts())

    def fill(dlg):
        assert isinstance(dlg, ShippingMethodDialog)
        dlg.title_edit.insert("快遞")
        for typed in ("abc", "-5", "12.5"):
            dlg.fee_edit.clear()
            qtbot.keyClicks(dlg.fee_edit, typed)
            qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
            assert dlg.isVisible(), typed
            assert dlg.fee_error.isVisible() and dlg.fee_error.text(), typed
            assert not dlg.threshold_error.isVisible()
            assert list(ShippingMethod.select().dicts()) == before
        dlg.fee_edit.clear()
        qtbot.keyClicks(dlg.fee_edit, "150")
        qtbot.keyClicks(dlg.threshold_edit, "2,000")
        assert "NT$2,000" in dlg.rule_label.text()
        qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)

    failures = with_dialog(qtbot, fill)
    qtbot.mouseClick(page.add_button, Qt.LeftButton)
    assert not failures, failures
    m = ShippingMethod.get(ShippingMethod.title == "快遞")
    assert (m.fee, m.free_threshold, m.position) == (150, 2000, 3)
    assert column(page, Col.FEE)[-1] == "NT$150"
    assert column(page, Col.FREE_THRESHOLD)[-1] == "滿 NT$2,000 免運"
    assert history("shipping") == [(m.id, "add", OP)]


def test_cancelled_dialog_saves_nothing(qtbot, payment_page):
    def cancel(dlg):
        dlg.title_edit.insert("不要了")
        qtbot.mouseClick(dlg.cancel_button, Qt.LeftButton)

    failures = with_dialog(qtbot, cancel)
    qtbot.mouseClick(payment_page.add_button, Qt.LeftButton)
    assert not failures
    assert PaymentMethod.select().count() == 2 and MethodHistory.select().count() == 0


def test_add_through_patched_dialog_asks_with_the_taken_titles(qtbot, monkeypatch, payment_page):
    seen = {}

    def ask(parent, existing=None, *, taken_titles=()):
        seen.update(existing=existing, taken=sorted(taken_titles))
        return PayIn("貨到付款", "手續費 NT$30")

    monkeypatch.setattr(PaymentMethodDialog, "ask", ask)
    qtbot.mouseClick(payment_page.add_button, Qt.LeftButton)
    assert seen == {"existing": None, "taken": ["ATM 轉帳", "信用卡"]}
    assert PaymentMethod.get(PaymentMethod.title == "貨到付款").description == "手續費 NT$30"


def test_no_operator_no_change(qtbot, monkeypatch, shop, tmp_path):
    from app.views import session as session_module

    monkeypatch.setattr(session_module.getpass, "getuser", lambda: "")  # no computer account
    session = Session(QSettings(str(tmp_path / "empty.ini"), QSettings.Format.IniFormat))
    monkeypatch.setattr(Session, "ask_operator", lambda self, parent=None: None)
    monkeypatch.setattr(PaymentMethodDialog, "ask", lambda *a, **k: PayIn("貨到付款"))
    page = PaymentMethodsPage(session)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.add_button, Qt.LeftButton)
    assert PaymentMethod.select().count() == 2 and MethodHistory.select().count() == 0


# --- edit --------------------------------------------------------------------------------


def test_edit_payment_method_through_the_real_dialog(qtbot, payment_page):
    page = payment_page

    def fill(dlg):
        assert dlg.windowTitle() == "修改付款方式" and dlg.ok_button.text() == "修改"
        assert dlg.title_edit.text() == "信用卡"
        dlg.title_edit.clear()
        dlg.title_edit.insert("ATM 轉帳")  # another active method's title
        qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
        assert dlg.isVisible() and dlg.title_error.isVisible()
        dlg.title_edit.clear()
        dlg.title_edit.insert("信用卡（一次付清）")
        qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)

    failures = with_dialog(qtbot, fill)
    qtbot.mouseClick(row_button(page, "信用卡", "edit"), Qt.LeftButton)
    assert not failures, failures
    card = PaymentMethod.get_by_id(page.model.rows()[1].id)
    assert card.title == "信用卡（一次付清）"
    assert column(page, Col.TITLE) == ["ATM 轉帳", "信用卡（一次付清）"]
    (h,) = svc.method_history("payment")
    assert (h.action, h.operator, h.before["title"], h.after["title"]) == (
        "edit", OP, "信用卡", "信用卡（一次付清）")


def test_edit_shipping_method_through_the_real_dialog(qtbot, shipping_page, shop):
    def fill(dlg):
        assert (dlg.title_edit.text(), dlg.fee_edit.text(), dlg.threshold_edit.text()) == (
            "宅配", "120", "1000")
        dlg.threshold_edit.clear()
        qtbot.keyClicks(dlg.threshold_edit, "12.5")
        qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
        assert dlg.isVisible() and dlg.threshold_error.text() == "金額必須是整數元，不能有小數。"
        dlg.threshold_edit.clear()  # empty: no free shipping
        dlg.fee_edit.clear()
        qtbot.keyClicks(dlg.fee_edit, "99")
        qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)

    failures = with_dialog(qtbot, fill)
    qtbot.mouseClick(row_button(shipping_page, "宅配", "edit"), Qt.LeftButton)
    assert not failures, failures
    m = ShippingMethod.get_by_id(shop["home"].id)
    assert (m.fee, m.free_threshold) == (99, None)
    assert column(shipping_page, Col.FREE_THRESHOLD)[0] == "不提供免運"
    assert history("shipping") == [(m.id, "edit", OP)]


def test_edit_through_patched_dialog(qtbot, monkeypatch, shipping_page, shop):
    seen = {}

    def ask(parent, existing=None, *, taken_titles=()):
        seen.update(existing=existing.title, taken=list(taken_titles))
        return ShipIn("郵局包裹", 80, None, "離島另計")

    monkeypatch.setattr(ShippingMethodDialog, "ask", ask)
    qtbot.mouseClick(row_button(shipping_page, "郵寄", "edit"), Qt.LeftButton)
    assert seen == {"existing": "郵寄", "taken": ["宅配"]}
    m = ShippingMethod.get_by_id(shop["post"].id)
    assert (m.title, m.fee, m.description) == ("郵局包裹", 80, "離島另計")


# --- tick and delete, archive, restore ---------------------------------------------------


@pytest.mark.parametrize("kind", ["payment", "shipping"])
def test_tick_and_delete_archives_what_orders_use(qtbot, request, place, shop, confirms, kind):
    place()  # uses ATM 轉帳 and 宅配
    page = request.getfixturevalue(f"{kind}_page")
    page.reload()
    used, unused = ("ATM 轉帳", "信用卡") if kind == "payment" else ("宅配", "郵寄")
    model = PaymentMethod if kind == "payment" else ShippingMethod
    used_id = model.get(model.title == used).id
    unused_id = model.get(model.title == unused).id
    order_before = list(Order.select().dicts())

    tick(qtbot, page, used)
    tick(qtbot, page, unused)
    assert page.delete_button.isEnabled()
    with qtbot.waitSignal(page.session.changed, timeout=3000):
        qtbot.mouseClick(page.delete_button, Qt.LeftButton)

    (title, text), = confirms  # asked once, naming both
    assert used in text and unused in text and "封存" in text
    assert model.get_or_none(model.id == unused_id) is None
    assert model.get_by_id(used_id).archived
    assert page.model.rowCount() == 0
    assert not page.delete_button.isEnabled()
    assert used in page.message.text() and unused in page.message.text()
    assert sorted(history(kind)) == sorted([(used_id, "archive", OP), (unused_id, "delete", OP)])
    assert list(Order.select().dicts()) == order_before

    # 顯示已封存 shows it again, with 【還原】.
    qtbot.mouseClick(page.archived_switch, Qt.LeftButton)
    assert page.archived_switch.isChecked()
    assert column(page, Col.TITLE) == [used]
    assert column(page, Col.STATUS) == ["已封存"]
    assert not page.view.isColumnHidden(page.model.column_of(Col.STATUS))
    assert not page.model.flags(page.model.index(0, 0)) & Qt.ItemIsUserCheckable
    with qtbot.waitSignal(page.session.changed, timeout=3000):
        qtbot.mouseClick(row_button(page, used, "restore"), Qt.LeftButton)
    assert not model.get_by_id(used_id).archived
    assert column(page, Col.STATUS) == ["啟用"]
    assert history(kind)[-1] == (used_id, "restore", OP)
    qtbot.mouseClick(page.archived_switch, Qt.LeftButton)
    assert column(page, Col.TITLE) == [used]


def test_declining_the_question_deletes_nothing(qtbot, prompts, payment_page):
    prompts.answers[Kind.CONFIRM] = False
    tick(qtbot, payment_page, "信用卡")
    qtbot.mouseClick(payment_page.delete_button, Qt.LeftButton)
    assert PaymentMethod.select().count() == 2 and MethodHistory.select().count() == 0
    assert payment_page.model.checked_rows()[0].title == "信用卡"  # still ticked


def test_the_real_question_box(qtbot, shipping_page, shop):
    def answer(box):
        assert isinstance(box, QMessageBox)
        assert "郵寄" in box.text() and "宅配" not in box.text()
        yes = next(b for b in box.buttons() if b.text() == "刪除")
        qtbot.mouseClick(yes, Qt.LeftButton)

    tick(qtbot, shipping_page, "郵寄")
    failures = with_dialog(qtbot, answer)
    qtbot.mouseClick(shipping_page.delete_button, Qt.LeftButton)
    assert not failures, failures
    assert ShippingMethod.get_or_none(ShippingMethod.id == shop["post"].id) is None
    assert column(shipping_page, Col.TITLE) == ["宅配"]


def test_restore_refused_when_the_title_is_taken(qtbot, payment_page, place, shop, errors):
    place()
    svc.delete_payment_methods([shop["atm"].id], operator=OP)
    svc.add_payment_method(PayIn("ATM 轉帳"), operator=OP)
    payment_page.archived_switch.setChecked(True)
    assert payment_page.model.rows()[payment_page.model.row_of(shop["atm"].id)].archived
    restore = payment_page.row_buttons(shop["atm"].id).findChild(QPushButton, "restore")
    qtbot.mouseClick(restore, Qt.LeftButton)
    assert errors == ["已有名為「ATM 轉帳」的付款方式，請換一個標題。"]
    assert PaymentMethod.get_by_id(shop["atm"].id).archived


# --- display order -----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["payment", "shipping"])
def test_move_up_and_down(qtbot, request, kind):
    page = request.getfixturevalue(f"{kind}_page")
    first, second = column(page, Col.TITLE)
    click_row(qtbot, page, first)
    assert not page.up_button.isEnabled() and page.down_button.isEnabled()
    qtbot.mouseClick(page.down_button, Qt.LeftButton)
    assert column(page, Col.TITLE) == [second, first]
    list_fn = svc.list_payment_methods if kind == "payment" else svc.list_shipping_methods
    assert [r.title for r in list_fn()] == [second, first]
    assert page.model.row_at(page.view.currentIndex().row()).title == first  # still selected
    assert page.up_button.isEnabled() and not page.down_button.isEnabled()
    qtbot.mouseClick(page.up_button, Qt.LeftButton)
    assert [r.title for r in list_fn()] == [first, second]
    assert [a for _, a, _ in history(kind)] == ["move", "move"]


# --- the shipping dialog's rule and tester -----------------------------------------------


def test_shipping_dialog_states_the_rule_and_tests_it(qtbot, shop):
    row = svc.list_shipping_methods()[0]  # 宅配: NT$120, free from NT$1,000
    dlg = ShippingMethodDialog(None, row)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.rule_label.text() == "商品小計達 NT$1,000 的訂單免運費；未達者收運費 NT$120。"
    for typed, fee, shown in [("999", 120, "運費 NT$120，訂單總計 NT$1,119"),
                              ("1000", 0, "運費 NT$0，訂單總計 NT$1,000"),
                              ("1,001", 0, "運費 NT$0，訂單總計 NT$1,001")]:
        dlg.tester_edit.clear()
        qtbot.keyClicks(dlg.tester_edit, typed)
        assert (dlg.tester_fee(), dlg.tester_result.text()) == (fee, shown)
    dlg.tester_edit.clear()
    qtbot.keyClicks(dlg.tester_edit, "-5")
    assert dlg.tester_fee() is None and dlg.tester_result.text() == "金額不能是負數。"
    dlg.threshold_edit.clear()
    assert dlg.rule_label.text() == "不提供免運費：每筆訂單收運費 NT$120。"
    dlg.tester_edit.clear()
    qtbot.keyClicks(dlg.tester_edit, "99999")
    assert dlg.tester_fee() == 120
    qtbot.keyClicks(dlg.fee_edit, "x")
    assert dlg.tester_fee() is None and "請先填寫" in dlg.tester_result.text()


@pytest.mark.parametrize("typed, message", [
    ("abc", "金額必須是數字。"),
    ("-5", "金額不能是負數。"),
    ("12.5", "金額必須是整數元，不能有小數。"),
    ("10000000000", "金額不能超過 NT$9,999,999,999。"),  # issue 15: one maximum
    ("9" * 40, "金額不能超過 NT$9,999,999,999。"),  # the edit stops at 20 characters
])
def test_shipping_dialog_names_the_problem_and_stays_open(qtbot, typed, message, db):
    dlg = ShippingMethodDialog(None)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.title_edit.insert("快遞")
    qtbot.keyClicks(dlg.fee_edit, typed)
    qtbot.keyClicks(dlg.threshold_edit, typed)
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    assert dlg.isVisible() and dlg.result() != dlg.DialogCode.Accepted and dlg.value is None
    assert (dlg.fee_error.text(), dlg.threshold_error.text()) == (message, message)
    assert dlg.fee_error.isVisible() and dlg.threshold_error.isVisible()
    assert not dlg.title_error.isVisible()
    dlg.fee_edit.clear()
    qtbot.keyClicks(dlg.fee_edit, "0")
    dlg.threshold_edit.clear()
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    assert dlg.result() == dlg.DialogCode.Accepted
    assert dlg.value == ShipIn("快遞", 0, None, "")
    assert ShippingMethod.select().count() == 0  # a dialog never saves


def test_payment_dialog_returns_plain_values(qtbot, db):
    dlg = PaymentMethodDialog(None, taken_titles=["信用卡"])
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.title_edit.insert("  ATM 轉帳 ")
    dlg.description_edit.insertPlainText("三日內轉帳")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    assert dlg.value == PayIn("ATM 轉帳", "三日內轉帳")


def test_payment_dialog_sets_how_the_money_is_refunded(qtbot, db):
    dlg = PaymentMethodDialog(None)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.channel.currentData() == "remittance"  # transfers are refunded by remittance
    assert [dlg.channel.itemText(i) for i in range(dlg.channel.count())] == [
        "匯款退款", "刷退", "貨到付款（匯款退款）"]
    dlg.title_edit.insert("信用卡分期")
    dlg.channel.setCurrentIndex(dlg.channel.findData("reversal"))
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    assert dlg.value == PayIn("信用卡分期", "", "reversal")
    row = svc.add_payment_method(dlg.value, operator=OP)
    assert (row.refund_channel, PaymentMethod.get_by_id(row.id).refund_channel) == ("reversal", "reversal")


# --- refresh -----------------------------------------------------------------------------


def test_hidden_page_reloads_when_shown(qtbot, payment_page, session):
    payment_page.hide()
    svc.add_payment_method(PayIn("LINE Pay"), operator=OP)
    session.announce(OpChanges.all())
    assert column(payment_page, Col.TITLE) == ["ATM 轉帳", "信用卡"]  # not yet
    payment_page.show()
    assert column(payment_page, Col.TITLE) == ["ATM 轉帳", "信用卡", "LINE Pay"]


def test_ticks_survive_a_refresh(qtbot, payment_page):
    tick(qtbot, payment_page, "信用卡")
    payment_page.reload()
    assert [r.title for r in payment_page.model.checked_rows()] == ["信用卡"]
    assert payment_page.delete_button.isEnabled()


# --- another clerk first (issue 15) ------------------------------------------------------


def test_edit_refused_when_another_clerk_changed_the_method(qtbot, monkeypatch, shipping_page,
                                                             shop, errors):
    """The page shows version 1; another desk edits the method; this clerk's edit is refused,
    naming who changed it, and the page shows the other clerk's edit."""
    svc.edit_shipping_method(shop["post"].id, ShipIn("郵寄", 70, None, "另一台電腦改的"),
                             operator="店員乙")
    monkeypatch.setattr(ShippingMethodDialog, "ask",
                        lambda parent, existing=None, *, taken_titles=(): ShipIn("郵寄", 90, None))
    qtbot.mouseClick(row_button(shipping_page, "郵寄", "edit"), Qt.LeftButton)
    assert len(errors) == 1 and "送貨方式「郵寄」已被 店員乙 於" in errors[0]
    assert ShippingMethod.get_by_id(shop["post"].id).fee == 70
    assert column(shipping_page, Col.FEE)[1] == "NT$70"  # the page reloaded
    assert history("shipping") == [(shop["post"].id, "edit", "店員乙")]


def test_delete_refused_when_another_clerk_changed_a_ticked_method(qtbot, payment_page, shop,
                                                                   confirms, errors):
    tick(qtbot, payment_page, "信用卡")
    svc.edit_payment_method(shop["card"].id, PayIn("信用卡", "改過"), operator="店員乙")
    qtbot.mouseClick(payment_page.delete_button, Qt.LeftButton)
    assert len(errors) == 1 and "付款方式「信用卡」已被 店員乙 於" in errors[0]
    assert PaymentMethod.get_or_none(PaymentMethod.id == shop["card"].id) is not None
