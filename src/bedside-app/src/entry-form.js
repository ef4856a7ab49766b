// The assessment form: one screen, native inputs only (so keyboard, screen readers and tablets work without help),
// built from the contract's items and findings. It owns the entry and reports every change.
import { capdItems, capdItemScore, capdTotal, contract, emptyEntry, iceItemScore, iceItems, iceTotal } from './assessment.js';

/**
 * @param {HTMLElement} root where the form goes
 * @param {{ tool: 'ice' | 'capd', onChange: (entry: object) => void }} options
 * @returns {{ entry: () => object, reset: (tool?: string) => void, focusFirst: () => void }}
 */
export function entryForm(root, { tool, onChange }) {
  let entry = emptyEntry(tool);
  const changed = () => {
    refreshTotals();
    onChange(entry);
  };

  root.replaceChildren();
  const cognitive = fieldset('cognitive', '');
  const legend = cognitive.querySelector('legend');
  const total = el('p', { id: 'cognitive-total', className: 'total', 'aria-live': 'polite' });
  const status = radioGroup('cognitive-status', [
    { value: 'scored', label: 'Scored now' },
    { value: 'not-done', label: 'Not done' },
  ], (value) => {
    entry.cognitive = value;
    changed();
  });
  const iceBlock = el('div', { id: 'ice-items' });
  for (const item of iceItems) {
    const group = el('fieldset', { className: 'item' });
    group.append(el('legend', {}, `${item.title} (${item.points.length})`), el('p', { className: 'prompt' }, item.prompt));
    item.points.forEach((point, i) => {
      group.append(checkbox(`${item.code}-${i + 1}`, point, (checked) => {
        entry.ice[item.code][i] = checked;
        entry.cognitive = 'scored';
        setRadio('cognitive-status', 'scored');
        changed();
      }));
    });
    iceBlock.append(group);
  }
  const capdBlock = el('div', { id: 'capd-items' });
  capdItems.forEach((item, i) => {
    const group = radioGroup(`capd-${i + 1}`, contract.capd.answers.map((answer, a) => ({ value: String(a), label: `${answer} (${capdItemScore(item, a)})` })), (value) => {
      entry.capd[i] = Number(value);
      entry.cognitive = 'scored';
      setRadio('cognitive-status', 'scored');
      changed();
    }, `${i + 1}. ${item.prompt}`);
    group.classList.add('item', 'capd-item');
    capdBlock.append(group);
  });
  const notDone = textInput('not-done-reason', 'Why it was not done', (value) => {
    entry.notDoneReason = value;
    changed();
  });
  cognitive.append(status, total, iceBlock, capdBlock, notDone, attribution('cognitive'));
  root.append(cognitive);

  for (const domain of contract.domains) {
    const set = fieldset(domain.key, domain.title);
    set.append(radioGroup(`${domain.key}-finding`, [
      { value: '', label: 'Not assessed now' },
      ...domain.findings.map((finding) => ({ value: finding.code, label: finding.display })),
    ], (value) => {
      entry.findings[domain.key] = value || null;
      changed();
    }));
    set.append(attribution(domain.key));
    root.append(set);
  }

  function attribution(key) {
    const wrapper = el('div', { className: 'attribution' });
    const reason = textInput(`${key}-cause`, 'The other cause (for example sedation, hypoglycaemia, a known stroke)', (value) => {
      entry.attributed[key] = value;
      changed();
    });
    reason.hidden = true;
    wrapper.append(checkbox(`${key}-attributed`, 'Explained by another cause', (checked) => {
      entry.attributed[key] = checked ? reason.querySelector('input').value : null;
      if (!checked) {
        delete entry.attributed[key];
      }
      reason.hidden = !checked;
      changed();
    }), reason);
    return wrapper;
  }

  function refreshTotals() {
    const capd = entry.tool === 'capd';
    legend.textContent = capd ? 'CAPD (Cornell Assessment of Pediatric Delirium, child under 12)' : 'ICE (Immune Effector Cell Encephalopathy score)';
    iceBlock.hidden = capd;
    capdBlock.hidden = !capd;
    notDone.hidden = entry.cognitive !== 'not-done';
    if (entry.cognitive === 'not-done') {
      total.textContent = `${capd ? 'CAPD' : 'ICE'} not done`;
    } else if (entry.cognitive === null) {
      total.textContent = `${capd ? 'CAPD' : 'ICE'} not entered`;
    } else if (capd) {
      const sum = capdTotal(entry);
      const answered = entry.capd.filter((a) => a !== null).length;
      total.textContent = sum === null ? `CAPD: ${answered} of 8 items answered` : `CAPD ${sum}/32`;
    } else {
      const parts = iceItems.map((item) => `${item.title.toLowerCase()} ${iceItemScore(entry, item.code)}/${item.points.length}`).join(', ');
      total.textContent = `ICE ${iceTotal(entry)}/10 (${parts})`;
    }
  }

  function reset(newTool = entry.tool) {
    entry = emptyEntry(newTool);
    for (const input of root.querySelectorAll('input')) {
      if (input.type === 'checkbox') {
        input.checked = false;
      } else if (input.type === 'radio') {
        input.checked = input.value === '';
      } else {
        input.value = '';
      }
    }
    for (const reason of root.querySelectorAll('.attribution .text-input')) {
      reason.hidden = true;
    }
    refreshTotals();
  }

  refreshTotals();
  return {
    entry: () => entry,
    reset,
    focusFirst: () => root.querySelector('input')?.focus(),
  };
}

function fieldset(id, title) {
  const set = el('fieldset', { id: `domain-${id}`, className: 'domain' });
  set.append(el('legend', {}, title));
  return set;
}

function radioGroup(name, options, onChange, title) {
  const group = el('fieldset', { className: 'choices', id: name });
  if (title) {
    group.append(el('legend', {}, title));
  }
  for (const option of options) {
    const id = `${name}-${option.value || 'none'}`;
    const input = el('input', { type: 'radio', name, id, value: option.value });
    if (option.value === '') {
      input.checked = true;
    }
    input.addEventListener('change', () => input.checked && onChange(option.value));
    const label = el('label', { htmlFor: id, className: 'choice' });
    label.append(input, document.createTextNode(option.label));
    group.append(label);
  }
  return group;
}

function setRadio(name, value) {
  const input = document.getElementById(`${name}-${value}`);
  if (input) {
    input.checked = true;
  }
}

function checkbox(id, text, onChange) {
  const input = el('input', { type: 'checkbox', id });
  input.addEventListener('change', () => onChange(input.checked));
  const label = el('label', { htmlFor: id, className: 'choice' });
  label.append(input, document.createTextNode(text));
  return label;
}

function textInput(id, text, onChange) {
  const wrapper = el('div', { className: 'text-input' });
  const input = el('input', { type: 'text', id, maxLength: 160, autocomplete: 'off' });
  input.addEventListener('input', () => onChange(input.value));
  wrapper.append(el('label', { htmlFor: id }, text), input);
  return wrapper;
}

/** A DOM element with properties (or attributes for names with a dash) and text. */
export function el(tag, props = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key.includes('-')) {
      node.setAttribute(key, value);
    } else {
      node[key] = value;
    }
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}
