"""代收款對帳: the cash-on-delivery money carriers collected and have not remitted yet (with
the days since pickup), 【登錄撥款】 by hand, 【匯入對帳單…】 from a carrier's statement file,
and the remittances recorded, each with its short or over amount.  A clerk's action; every
write goes through ``app/services/remittances.py`` by the views' ``Runner``."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.dialogs.remittance_dialog import RemittanceDialog
from app.domain.errors import DomainError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.services import remittances as svc
from app.services import shop_clock
from app.services.op_changes import OpChanges
from app.widgets import format as fmt
from app.widgets.buttons import push_button
from app.widgets.tables import rows_table, show_rows

from . import prompts
from .runner import Runner
from .stale import ReloadsWhenShown


def _table(parent, name: str, columns) -> QTableWidget:
    return rows_table(parent, name, [fmt.translate("RemittancesPage", c) for c in columns])


def short_over(diff: int) -> str:
    if diff < 0:
        return fmt.translate("RemittancesPage", "短少 {0}").format(fmt.money(-diff))
    if diff > 0:
        return fmt.translate("RemittancesPage", "溢收 {0}").format(fmt.money(diff))
    return fmt.translate("RemittancesPage", "相符")


class RemittancesPage(ReloadsWhenShown, QWidget):
    UNREMITTED = (QT_TRANSLATE_NOOP("RemittancesPage", "訂單編號"),
                  QT_TRANSLATE_NOOP("RemittancesPage", "訂購人"),
                  QT_TRANSLATE_NOOP("RemittancesPage", "物流業者"),
                  QT_TRANSLATE_NOOP("RemittancesPage", "託運單號"),
                  QT_TRANSLATE_NOOP("RemittancesPage", "取貨日期"),
                  QT_TRANSLATE_NOOP("RemittancesPage", "已過天數"),
                  QT_TRANSLATE_NOOP("RemittancesPage", "代收金額"))
    REMITTANCES = (QT_TRANSLATE_NOOP("RemittancesPage", "撥款日期"),
                   QT_TRANSLATE_NOOP("RemittancesPage", "物流業者"),
                   QT_TRANSLATE_NOOP("RemittancesPage", "訂單數"),
                   QT_TRANSLATE_NOOP("RemittancesPage", "訂單代收"),
                   QT_TRANSLATE_NOOP("RemittancesPage", "實收金額"),
                   QT_TRANSLATE_NOOP("RemittancesPage", "手續費"),
                   QT_TRANSLATE_NOOP("RemittancesPage", "短少／溢收"),
                   QT_TRANSLATE_NOOP("RemittancesPage", "撥款參考號碼"),
                   QT_TRANSLATE_NOOP("RemittancesPage", "登錄者"))

    def __init__(self, session, parent=None, *, unremitted=svc.unremitted, remittances=svc.remittances):
        super().__init__(parent)
        self._stale = True
        self.session = session
        self.load_unremitted = unremitted  # the tour gives samples
        self.load_remittances = remittances
        self.setObjectName("remittances_page")
        self.runner = Runner(self, session, refresh=self.reload)
        self.record_button = push_button(self, self.tr("登錄撥款"), "button_record_remittance",
                                         lambda: self.record())
        self.import_button = push_button(self, self.tr("匯入對帳單…"), "button_import_statement",
                                         lambda: self.import_statement())
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        self.unremitted_label = QLabel(self)
        self.unremitted_table = _table(self, "unremitted_table", self.UNREMITTED)
        self.remittances_label = QLabel(self)
        self.remittances_table = _table(self, "remittances_table", self.REMITTANCES)
        lay = QVBoxLayout(self)
        lay.addLayout(buttons)
        lay.addWidget(self.unremitted_label)
        lay.addWidget(self.unremitted_table, 3)
        lay.addWidget(self.remittances_label)
        lay.addWidget(self.remittances_table, 2)
        self.unremitted: list[svc.Unremitted] = []
        session.changed.connect(lambda _c: self.reload_or_mark_stale())

    def reload(self) -> None:
        self._stale = False
        self.unremitted = self.load_unremitted()
        show_rows(self.unremitted_table, [
            (u.order_no, u.buyer_name, u.carrier, u.tracking_no, fmt.day(u.picked_up_on),
             "" if u.days is None else str(u.days), fmt.money(u.collected)) for u in self.unremitted])
        self.unremitted_label.setText(self.tr("已取貨、物流尚未撥款 ({0})，合計 {1}").format(
            len(self.unremitted), fmt.money(sum(u.collected for u in self.unremitted))))
        rows = self.load_remittances()
        show_rows(self.remittances_table, [
            (fmt.day(r.remitted_on), r.carrier, str(r.orders), fmt.money(r.collected),
             fmt.money(r.amount), fmt.money(r.fee), short_over(r.difference), r.reference,
             r.recorded_by) for r in rows])
        self.remittances_label.setText(self.tr("撥款紀錄 ({0})").format(len(rows)))

    def _selected_ids(self) -> set[int]:
        return {self.unremitted[i.row()].order_id for i in self.unremitted_table.selectedIndexes()}

    def _record(self, orders, match=None):
        today = shop_clock.today()
        selected = self._selected_ids()

        def ask(initial, error):
            if initial is None and match is None and selected:
                initial = (None, selected)
            return RemittanceDialog.ask(self, orders, today=today, match=match, initial=initial,
                                        error=error)

        def call(value, operator):
            remit, ids = value
            if match is not None:
                return svc.record_statement(match, remit, operator=operator)
            return svc.record_remittance(remit, ids, operator=operator)

        # The announced change reloads this page (``session.changed``): no second reload here.
        return self.runner.run(self.tr("登錄撥款"), call, ask=ask, reopen=True,
                               changes=lambda _r: OpChanges())

    def record(self):
        """【登錄撥款】: the orders to choose from are those not remitted yet."""
        return self._record(self.load_unremitted())

    def import_statement(self, path: str | None = None):
        """【匯入對帳單…】: read a carrier's statement, show what matched, record on OK."""
        path = path or prompts.open_path(self, self.tr("匯入對帳單"), "",
                                         self.tr("對帳單 (*.xlsx *.csv)"))
        if not path:
            return None
        try:
            match = svc.read_statement(path)
        except DomainError as err:
            prompts.tell(self, self.tr("匯入對帳單"), fmt.translate(err.context, err.template)
                         .format(**err.params))
            return None
        return self._record(match.matched, match)
