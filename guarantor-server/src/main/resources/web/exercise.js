// Exercise mode. A server started as an exercise runs on a virtual clock that stands still until
// the secretariat moves it. The page says "Exercise" on every screen, so nobody mistakes a drill
// for a crisis, counts down by the virtual clock, and gives the secretariat the control to move it.

import { getOptional, get, post, useVirtualClock } from './api.js';
import { h, replace, select } from './dom.js';
import { time } from './format.js';

let exercise = false;
let clockText = null;

/** Reads the exercise clock; returns whether this server runs an exercise. */
export async function initExercise(ctx, slot) {
  const clock = await getOptional('/api/v1/exercise/clock').catch(() => null);
  if (!clock || !clock.exercise) {
    return false;
  }
  exercise = true;
  useVirtualClock(clock.now);
  document.body.classList.add('is-exercise');
  clockText = h('span', { class: 'exercise-time' }, time(clock.now));
  const step = select({ id: 'exercise-step', 'aria-label': 'Move the exercise clock by' }, [
    ['PT15M', '+15 min'],
    ['PT1H', '+1 h'],
    ['PT6H', '+6 h'],
    ['PT24H', '+24 h'],
  ], 'PT1H');
  const control =
    ctx.me.role === 'SECRETARIAT'
      ? h(
          'form',
          {
            class: 'inline',
            onsubmit: async (e) => {
              e.preventDefault();
              try {
                show(await post('/api/v1/exercise/clock', { advance: step.value }));
                ctx.changed(null);
              } catch (err) {
                ctx.fail(err);
              }
            },
          },
          step,
          h('button', { type: 'submit', class: 'btn btn-quiet', id: 'exercise-advance' }, 'Advance'),
        )
      : null;
  replace(slot, h('strong', { class: 'exercise-flag' }, 'Exercise'), clockText, control);
  slot.hidden = false;
  // Another secretariat desk may move the clock without any deadline firing: look now and then.
  setInterval(() => resync().catch(() => {}), 10000);
  return true;
}

function show(clock) {
  useVirtualClock(clock.now);
  if (clockText) {
    clockText.textContent = time(clock.now);
  }
}

/** Follows the virtual clock after a change (deadlines fire when it moves). */
export async function resync() {
  if (exercise) {
    show(await get('/api/v1/exercise/clock'));
  }
}
