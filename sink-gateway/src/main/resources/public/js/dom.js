// Builds DOM nodes. Text always goes in as text nodes, never as HTML: alert fields come from outside.

/**
 * h('button', {class: 'x', onclick: fn, dataset: {id: 1}}, 'text', childNode, [more, children])
 * Attributes that are null, undefined or false are left out; true gives an empty attribute.
 */
export function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs ?? {})) {
        if (value === null || value === undefined || value === false) {
            continue;
        }
        if (name.startsWith('on') && typeof value === 'function') {
            el.addEventListener(name.slice(2), value);
        } else if (name === 'dataset') {
            Object.assign(el.dataset, value);
        } else if (name === 'style' && typeof value === 'object') {
            Object.assign(el.style, value);
        } else {
            el.setAttribute(name, value === true ? '' : String(value));
        }
    }
    append(el, children);
    return el;
}

function append(el, children) {
    for (const child of children) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        if (Array.isArray(child)) {
            append(el, child);
        } else {
            el.append(child instanceof Node ? child : document.createTextNode(String(child)));
        }
    }
}

export const $ = (selector, root = document) => root.querySelector(selector);
