import { useT } from "./i18n.ts";
import { KEYPAD_KEY_OF, keypadOn, setKeypad, type KeypadAction } from "./store/keypad.ts";
import { ACTIONS, KEY_OF, type Action } from "./store/terminal.ts";
import { useTerminalKeysT } from "./terminal-keys-i18n.ts";
import "./terminal-keys.css";

const onPad = (a: Action): a is KeypadAction => a in KEYPAD_KEY_OF;

/** The counter terminal's keys, function keys and the counter keypad's, with the keypad's switch for this PC. */
export function ShortcutHelp() {
  const t = useT();
  const k = useTerminalKeysT();
  const on = keypadOn.value;
  return (
    <details class="shortcuts">
      <summary>
        {k.open}
        {on && <span class="pad-on" title={k.on}> · 1–5</span>}
      </summary>
      <div class="panel" role="region" aria-label={k.title}>
        <h2>{k.title}</h2>
        <table>
          <thead>
            <tr>
              <th>{k.action}</th>
              <th>{k.keyboard}</th>
              <th>{k.keypad}</th>
            </tr>
          </thead>
          <tbody>
            {ACTIONS.map((a) => (
              <tr key={a} data-shortcut={a}>
                <td>{a === "pause" ? k.pauseResume : t.actions[a]}</td>
                <td>
                  <kbd>{KEY_OF[a]}</kbd>
                </td>
                <td>{onPad(a) ? <kbd>{KEYPAD_KEY_OF[a]}</kbd> : k.none}</td>
              </tr>
            ))}
            <tr>
              <td>{k.escape}</td>
              <td>
                <kbd>Esc</kbd>
              </td>
              <td>{k.none}</td>
            </tr>
          </tbody>
        </table>
        <label class="use-pad">
          <input type="checkbox" name="keypad" checked={on} onChange={(e) => setKeypad(e.currentTarget.checked)} />
          <span>{k.use}</span>
        </label>
        <p class="hint">{k.useHint}</p>
      </div>
    </details>
  );
}

/** The keypad's key beside an action's function key, while the keypad is on. */
export function PadKey({ action }: { action: Action }) {
  return keypadOn.value && onPad(action) ? <kbd class="pad">{KEYPAD_KEY_OF[action]}</kbd> : null;
}
