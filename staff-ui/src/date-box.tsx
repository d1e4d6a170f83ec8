import { useState } from "preact/hooks";
import { useAdminT } from "./admin-i18n.ts";
import { Text, useProblem } from "./admin-parts.tsx";
import { dateProblem, readDate, tidyDate, weekdayOf } from "./date-input.ts";
import { useLang } from "./i18n.ts";

/**
 * A date box read day first (dd/mm/yyyy; 2/9/2027 and 02-09-2027 are taken too), with the day of
 * the week beside it. A date that does not exist (31/02) is said so as soon as the box is left,
 * before any save; leaving the box puts a date in the usual form.
 */
export function DateBox(props: { name: string; value: string; set: (v: string) => void; data?: Record<`data-${string}`, string>; label?: string; weekday?: boolean }) {
  const t = useAdminT();
  const lang = useLang();
  const [left, setLeft] = useState(false);
  const read = readDate(props.value);
  const said = useProblem(props.name);
  // The store's sentence, once there is one, is the box's own; before a save the box speaks for itself.
  const own = left && !said && props.value.trim() !== "" ? dateProblem(props.value, lang) : null;
  return (
    <span class="date-box">
      <Text
        name={props.name}
        data={props.data}
        value={props.value}
        label={props.label}
        placeholder={t.datePlaceholder}
        maxLength={10}
        invalid={own !== null}
        set={(v) => {
          setLeft(false);
          props.set(v);
        }}
        onBlur={() => {
          setLeft(true);
          const tidy = tidyDate(props.value);
          if (tidy !== props.value) props.set(tidy);
        }}
      />
      {props.weekday && "iso" in read && <span class="date-weekday">{t.weekdays[weekdayOf(read.iso) - 1]}</span>}
      {own && (
        <span class="field-problem" data-problem={props.name} role="alert">
          {own}
        </span>
      )}
    </span>
  );
}
