"""The workshop panel: the ordered list of named scenarios, stepping between them, their notes.

A facilitator steps through prepared stories in front of a room: Previous and
Next (Ctrl+PgUp / Ctrl+PgDown, the keys a presenter's clicker can be set to
send) go from one to the next, each with its own failures, areas, measure,
target, map view and undo history. Steps can be added, duplicated, renamed
(double-click or F2), removed and reordered (drag, or the arrow buttons).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stamnett_gui.ui.session import STEP, WORKSHOP, Session

STEP_ROLE = Qt.ItemDataRole.UserRole + 1


class WorkshopActions(QObject):
    """The workshop's actions (for the menu, the panel and the keyboard), acting on the session."""

    def __init__(self, session: Session, window: QWidget) -> None:
        super().__init__(window)
        self.session = session

        def action(text: str, keys: str | None, slot: object, tip: str = "") -> QAction:
            act = QAction(text, window)
            if keys:
                act.setShortcut(QKeySequence(keys))
                act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.setToolTip(tip or text.replace("&", "").rstrip("…"))
            act.setStatusTip(act.toolTip())
            act.triggered.connect(slot)
            window.addAction(act)
            return act

        self.previous_action = action(self.tr("&Previous scenario"), "Ctrl+PgUp", self.previous,
                                      self.tr("Show the previous scenario of the workshop"))
        self.next_action = action(self.tr("&Next scenario"), "Ctrl+PgDown", self.next,
                                  self.tr("Show the next scenario of the workshop"))
        self.add_action = action(self.tr("&Add scenario"), "Ctrl+T", lambda: session.add_step(),
                                 self.tr("Add an intact scenario after the one shown"))
        self.duplicate_action = action(self.tr("&Duplicate scenario"), "Ctrl+Shift+D",
                                       lambda: session.duplicate_step(),
                                       self.tr("Copy the scenario shown, failures and areas included"))
        self.remove_action = action(self.tr("&Remove scenario"), None,
                                    lambda: session.remove_step(session.step),
                                    self.tr("Remove the scenario shown from the workshop"))
        session.state_changed.connect(self._on_state_changed)
        self._on_state_changed(frozenset({STEP}))

    def previous(self) -> None:
        """Show the previous step."""
        self.session.go_to_step(self.session.step - 1)

    def next(self) -> None:
        """Show the next step."""
        self.session.go_to_step(self.session.step + 1)

    def _on_state_changed(self, fields: frozenset[str]) -> None:
        if fields & {STEP, WORKSHOP, "network"}:
            count, step = len(self.session.workshop), self.session.step
            self.previous_action.setEnabled(step > 0)
            self.next_action.setEnabled(step < count - 1)


class _StepList(QListWidget):
    """The steps, reorderable by dragging."""

    def __init__(self) -> None:
        super().__init__()
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        # long titles ("February 2024 storm, drawn over …") wrap rather than scroll sideways
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


class WorkshopPanel(QWidget):
    """The workshop's title, its steps (the one shown is current), Previous/Next, the notes."""

    def __init__(self, session: Session, actions: WorkshopActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.actions_ = actions
        self.title = QLineEdit(placeholderText=self.tr("Workshop title"))
        self.title.setToolTip(self.tr("The workshop's title, saved in the workshop file"))
        self.steps = _StepList()
        self.steps.setToolTip(self.tr("Click a scenario to show it; double-click or F2 to rename; "
                                      "drag to reorder"))
        self.notes = QPlainTextEdit(placeholderText=self.tr("Notes for this scenario: what happened, "
                                                            "what to ask the room"))
        self.notes.setTabChangesFocus(True)
        self.position = QLabel()
        previous, following = QPushButton(self.tr("◀ Previous")), QPushButton(self.tr("Next ▶"))
        previous.setToolTip(self.tr("Previous scenario (Ctrl+PgUp)"))
        following.setToolTip(self.tr("Next scenario (Ctrl+PgDown)"))
        previous.clicked.connect(actions.previous_action.trigger)
        following.clicked.connect(actions.next_action.trigger)
        self.previous_button, self.next_button = previous, following
        stepping = QHBoxLayout()
        stepping.addWidget(previous)
        stepping.addWidget(self.position, 1, Qt.AlignmentFlag.AlignCenter)
        stepping.addWidget(following)
        editing = QHBoxLayout()
        self.buttons: dict[str, QToolButton] = {}
        for key, text, tip, slot in (
            ("add", self.tr("Add"), actions.add_action.toolTip(), actions.add_action.trigger),
            ("duplicate", self.tr("Duplicate"), actions.duplicate_action.toolTip(),
             actions.duplicate_action.trigger),
            ("remove", self.tr("Remove"), actions.remove_action.toolTip(), actions.remove_action.trigger),
            ("up", "↑", self.tr("Move the scenario up"), lambda: self._move(-1)),
            ("down", "↓", self.tr("Move the scenario down"), lambda: self._move(+1)),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            editing.addWidget(button)
            self.buttons[key] = button
        editing.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addLayout(stepping)
        layout.addWidget(self.steps, 2)
        layout.addLayout(editing)
        layout.addWidget(QLabel(self.tr("<b>Notes</b>")))
        layout.addWidget(self.notes, 1)
        self._syncing = False

        self.title.editingFinished.connect(lambda: session.set_workshop_title(self.title.text().strip()))
        self.steps.currentRowChanged.connect(self._on_current_row)
        self.steps.itemChanged.connect(self._on_item_changed)
        self.steps.model().rowsMoved.connect(self._on_rows_moved)
        self.notes.textChanged.connect(self._on_notes_edited)
        session.state_changed.connect(self._on_state_changed)
        self._on_state_changed(frozenset({WORKSHOP, STEP}))

    # -- showing the session -----------------------------------------------------------------
    def _on_state_changed(self, fields: frozenset[str]) -> None:
        if not fields & {WORKSHOP, STEP, "network"}:
            return
        session, workshop = self.session, self.session.workshop
        self._syncing = True
        if not self.title.hasFocus() and self.title.text() != workshop.title:
            self.title.setText(workshop.title)
        titles = [self._label(i) for i in range(len(workshop))]
        if [self.steps.item(r).text() for r in range(self.steps.count())] != titles:
            self.steps.clear()
            for i, text in enumerate(titles):
                item = QListWidgetItem(text)
                item.setData(STEP_ROLE, i)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(workshop.scenarios[i].notes or workshop.scenarios[i].title)
                self.steps.addItem(item)
        self.steps.setCurrentRow(session.step)
        notes = session.current.notes
        if self.notes.toPlainText() != notes:
            self.notes.setPlainText(notes)
        self.position.setText(self.tr("{0} of {1}").format(session.step + 1, len(workshop)))
        self.previous_button.setEnabled(session.step > 0)
        self.next_button.setEnabled(session.step < len(workshop) - 1)
        self.buttons["up"].setEnabled(session.step > 0)
        self.buttons["down"].setEnabled(session.step < len(workshop) - 1)
        self._syncing = False

    def _label(self, index: int) -> str:
        return self.session.workshop.scenarios[index].title or self.tr("Scenario {0}").format(index + 1)

    # -- edits ---------------------------------------------------------------------------------
    def _on_current_row(self, row: int) -> None:
        if not self._syncing and row >= 0:
            self.session.go_to_step(row)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._syncing:
            return
        index, title = self.steps.row(item), item.text().strip()
        if title and 0 <= index < len(self.session.workshop):
            self.session.rename_step(index, title)
        else:  # an emptied title: put the old one back
            QTimer.singleShot(0, lambda: self._on_state_changed(frozenset({WORKSHOP})))

    def _on_rows_moved(self, _parent: object, start: int, _end: int, _dest: object, row: int) -> None:
        if self._syncing:
            return
        to = row if row < start else row - 1
        # after the drop has finished: the list is rebuilt from the session
        QTimer.singleShot(0, lambda: self._apply_move(start, to))

    def _apply_move(self, start: int, to: int) -> None:
        self.session.move_step(start, to)
        self._on_state_changed(frozenset({WORKSHOP}))

    def _move(self, by: int) -> None:
        step = self.session.step
        self.session.move_step(step, step + by)

    def _on_notes_edited(self) -> None:
        if not self._syncing:
            self.session.set_step_notes(self.session.step, self.notes.toPlainText())

    def rename(self, index: int) -> None:
        """Start editing a step's title in the list (F2)."""
        self.steps.editItem(self.steps.item(index))
