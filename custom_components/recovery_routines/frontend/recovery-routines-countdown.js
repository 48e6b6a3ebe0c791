// Recovery Routines countdown card: time left as mm:ss with its controls.
//
// Home Assistant writes the end time once per transition; this card counts
// down from it in the browser, as the timer card does, so no state is written
// per second. Plain custom element, no build step and no dependencies.
//
//   type: custom:recovery-routines-countdown
//   entity: switch.back_care_heat_session   # or the cold pack switch, or
//                                           # sensor.back_care_routine_step
//   name: Heat                              # optional
//   extend_minutes: 5                       # optional, heat only

const CARD_TYPE = "recovery-routines-countdown";
const DOMAIN = "recovery_routines";

// What each entity counts down to, and which controls it offers.
const KINDS = {
  heat_session: { ends: "heat_session_ends", controls: ["stop", "extend"] },
  cold_pack: { ends: "cold_pack_ends", controls: ["stop"] },
  routine_step: { ends: "routine_step_ends", controls: ["previous", "pause", "next", "stop_routine"] },
};

const TEXTS = {
  en: {
    idle: "Not running", paused: "Paused", left: "left", until: "until",
    start: "Start", stop: "Stop", extend: "+{minutes} min", previous: "Previous",
    pause: "Pause", resume: "Resume", next: "Next", stop_routine: "Stop",
    no_entity: "Set entity to a Recovery Routines heat session, cold pack or routine step.",
  },
  de: {
    idle: "Läuft nicht", paused: "Pausiert", left: "übrig", until: "bis",
    start: "Starten", stop: "Stoppen", extend: "+{minutes} Min.", previous: "Zurück",
    pause: "Pause", resume: "Weiter", next: "Nächste", stop_routine: "Beenden",
    no_entity: "Als entity eine Wärmesitzung, ein Kühlpack oder einen Routinenschritt von Recovery Routines angeben.",
  },
  nl: {
    idle: "Niet actief", paused: "Gepauzeerd", left: "over", until: "tot",
    start: "Starten", stop: "Stoppen", extend: "+{minutes} min", previous: "Vorige",
    pause: "Pauze", resume: "Hervatten", next: "Volgende", stop_routine: "Stoppen",
    no_entity: "Kies als entity een warmtesessie, coldpack of routinestap van Recovery Routines.",
  },
  fr: {
    idle: "Inactif", paused: "En pause", left: "restantes", until: "jusqu’à",
    start: "Démarrer", stop: "Arrêter", extend: "+{minutes} min", previous: "Précédent",
    pause: "Pause", resume: "Reprendre", next: "Suivant", stop_routine: "Arrêter",
    no_entity: "Indiquez comme entity une séance de chaleur, une poche de froid ou une étape de routine de Recovery Routines.",
  },
  es: {
    idle: "Sin iniciar", paused: "En pausa", left: "restantes", until: "hasta",
    start: "Iniciar", stop: "Detener", extend: "+{minutes} min", previous: "Anterior",
    pause: "Pausa", resume: "Reanudar", next: "Siguiente", stop_routine: "Detener",
    no_entity: "Indica como entity una sesión de calor, una compresa fría o un paso de rutina de Recovery Routines.",
  },
};

// "19:42", or "1:05:09" from an hour on; never below "00:00".
export function formatRemaining(milliseconds) {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (value) => String(value).padStart(2, "0");
  return hours ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

class RecoveryRoutinesCountdownCard extends HTMLElement {
  constructor() {
    super();
    this._timer = undefined;
    this._configEntryId = undefined;
    this._shown = undefined;
    this.attachShadow({ mode: "open" });
  }

  static getStubConfig(hass) {
    const heat = Object.values(hass.entities || {}).find(
      (entry) => entry.platform === DOMAIN && entry.translation_key === "heat_session"
    );
    return { entity: heat ? heat.entity_id : "" };
  }

  setConfig(config) {
    if (!config || !config.entity) {
      throw new Error("entity is required");
    }
    this._config = { extend_minutes: 5, ...config };
    this._shown = undefined;
  }

  set hass(hass) {
    this._hass = hass;
    this._render();
  }

  getCardSize() {
    return 2;
  }

  getGridOptions() {
    return { columns: 6, rows: 2, min_rows: 2 };
  }

  connectedCallback() {
    this._render();
  }

  disconnectedCallback() {
    // Dashboards move cards around (disconnect, connect): draw afresh then.
    this._stopTicking();
    this._shown = undefined;
  }

  _texts() {
    const language = (this._hass.language || "en").split("-")[0];
    return TEXTS[language] || TEXTS.en;
  }

  _kind() {
    const entry = (this._hass.entities || {})[this._config.entity];
    return entry && entry.platform === DOMAIN ? entry : undefined;
  }

  // The timestamp sensor of the same routine (device) that holds the end time.
  _endsEntityId(entry) {
    if (this._config.ends_entity) {
      return this._config.ends_entity;
    }
    const wanted = KINDS[entry.translation_key].ends;
    const sibling = Object.values(this._hass.entities).find(
      (other) =>
        other.platform === DOMAIN &&
        other.device_id === entry.device_id &&
        other.translation_key === wanted
    );
    return sibling ? sibling.entity_id : undefined;
  }

  _render() {
    if (!this._hass || !this._config || !this.isConnected) {
      return;
    }
    const texts = this._texts();
    const entry = this._kind();
    const state = this._hass.states[this._config.entity];
    if (!entry || !KINDS[entry.translation_key] || !state) {
      this._stopTicking();
      this._paint(`<div class="warning">${texts.no_entity}</div>`, "warning");
      return;
    }
    const kind = KINDS[entry.translation_key];
    const endsState = this._hass.states[this._endsEntityId(entry)];
    const ends = endsState ? Date.parse(endsState.state) : NaN;
    const running = entry.translation_key === "routine_step"
      ? !["unknown", "unavailable"].includes(state.state)
      : state.state === "on";
    const paused = Boolean(state.attributes.paused);
    const key = [state.state, endsState && endsState.state, paused, this._hass.language].join("|");
    if (key === this._shown) {
      return;
    }
    this._shown = key;
    const name = this._config.name || state.attributes.friendly_name || this._config.entity;
    const detail = entry.translation_key === "routine_step" && running ? state.state : "";
    let buttons;
    if (!running) {
      buttons = entry.translation_key === "routine_step" ? [] : ["start"];
    } else {
      buttons = kind.controls;
    }
    const label = (control) =>
      control === "pause" && paused
        ? texts.resume
        : texts[control].replace("{minutes}", this._config.extend_minutes);
    const until = running && !isNaN(ends)
      ? `${texts.until} ${new Date(ends).toLocaleTimeString(this._hass.language, { hour: "2-digit", minute: "2-digit" })}`
      : "";
    this._paint(`
      <div class="header">
        <ha-state-icon></ha-state-icon>
        <div class="name"></div>
      </div>
      ${detail ? '<div class="detail"></div>' : ""}
      <div class="time" data-running="${running && !paused && !isNaN(ends)}"></div>
      <div class="until">${until}</div>
      <div class="buttons">${buttons
        .map((control) => `<button data-control="${control}">${label(control)}</button>`)
        .join("")}</div>`);
    const root = this.shadowRoot;
    const icon = root.querySelector("ha-state-icon");
    icon.hass = this._hass;
    icon.stateObj = state;
    root.querySelector(".name").textContent = name;
    if (detail) {
      root.querySelector(".detail").textContent = detail;
    }
    root.querySelectorAll("button").forEach((button) =>
      button.addEventListener("click", () => this._press(button.dataset.control))
    );
    const time = root.querySelector(".time");
    this._stopTicking();
    if (!running) {
      time.classList.add("idle");
      time.textContent = texts.idle;
    } else if (paused) {
      time.textContent = texts.paused;
    } else if (isNaN(ends)) {
      time.textContent = "";
    } else {
      const tick = () => {
        time.textContent = formatRemaining(ends - Date.now());
      };
      tick();
      this._timer = window.setInterval(tick, 1000);
    }
  }

  _paint(body, extraClass = "") {
    this.shadowRoot.innerHTML = `
      <style>
        ha-card { padding: 16px; }
        .header { display: flex; align-items: center; gap: 12px; }
        .name { font-weight: 500; font-size: 16px; }
        .detail { margin-top: 8px; }
        .time { font-size: 40px; font-variant-numeric: tabular-nums; margin-top: 8px; }
        .time.idle { font-size: 20px; color: var(--secondary-text-color); }
        .until { color: var(--secondary-text-color); min-height: 1.2em; }
        .buttons { display: flex; gap: 8px; margin-top: 12px; flex-wrap: wrap; }
        button {
          flex: 1; min-height: 40px; border: none; border-radius: 20px;
          background: var(--primary-color); color: var(--text-primary-color, #fff);
          font: inherit; cursor: pointer;
        }
        .warning { color: var(--error-color); }
      </style>
      <ha-card class="${extraClass}">${body}</ha-card>`;
  }

  _stopTicking() {
    if (this._timer !== undefined) {
      window.clearInterval(this._timer);
      this._timer = undefined;
    }
  }

  async _entryId() {
    if (this._configEntryId === undefined) {
      const entry = await this._hass.callWS({
        type: "config/entity_registry/get",
        entity_id: this._config.entity,
      });
      this._configEntryId = entry.config_entry_id;
    }
    return this._configEntryId;
  }

  async _press(control) {
    const hass = this._hass;
    const target = { config_entry_id: await this._entryId() };
    const action = {
      start: () => hass.callService("homeassistant", "turn_on", { entity_id: this._config.entity }),
      stop: () => hass.callService("homeassistant", "turn_off", { entity_id: this._config.entity }),
      extend: () =>
        hass.callService(DOMAIN, "extend_heat", { ...target, minutes: this._config.extend_minutes }),
      previous: () => hass.callService(DOMAIN, "previous_step", target),
      pause: () => hass.callService(DOMAIN, "pause_routine", target),
      next: () => hass.callService(DOMAIN, "next_step", target),
      stop_routine: () => hass.callService(DOMAIN, "stop_routine", target),
    }[control];
    await action();
  }
}

function defineCard() {
  // Looked up at call time: the frontend swaps in its own element registry
  // after extra modules such as this one have run.
  const registry = window.customElements;
  if (registry.get(CARD_TYPE)) {
    return;
  }
  registry.define(CARD_TYPE, RecoveryRoutinesCountdownCard);
  window.customCards = window.customCards || [];
  window.customCards.push({
    type: CARD_TYPE,
    name: "Recovery Routines countdown",
    description: "Time left of a heat session, cold pack or routine step, with its controls.",
    preview: false,
  });
}

// Defined once the app is, so that it lands in the registry the dashboards use.
window.customElements.whenDefined("home-assistant").then(defineCard);
