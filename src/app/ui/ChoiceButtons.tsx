/** One choice among a few, as big buttons side by side (a radio group to assistive tech). */
export function ChoiceButtons<V extends string>(props: {
  label: string;
  value: V;
  choices: { value: V; label: string; lang?: string; className?: string }[];
  onChoose: (value: V) => void;
}) {
  // They wrap onto more lines when the text is large rather than leave the screen.
  return (
    <div className="choices" role="radiogroup" aria-label={props.label}>
      {props.choices.map((choice) => (
        <button
          key={choice.value}
          type="button"
          role="radio"
          lang={choice.lang}
          aria-checked={props.value === choice.value}
          className={['choice', choice.className, props.value === choice.value && 'choice--on'].filter(Boolean).join(' ')}
          onClick={() => props.onChoose(choice.value)}
        >
          {choice.label}
        </button>
      ))}
    </div>
  );
}
