// The store page: lists the products from the API and places orders through it.
"use strict";

const dollars = (cents) => "$" + (cents / 100).toFixed(2);

function text(tag, value, className) {
  const element = document.createElement(tag);
  element.textContent = value;
  if (className) element.className = className;
  return element;
}

async function loadProducts() {
  const list = document.getElementById("products");
  const select = document.getElementById("order-sku");
  try {
    const response = await fetch("/api/products", { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
    list.replaceChildren();
    select.replaceChildren();
    for (const product of body) {
      const item = document.createElement("li");
      item.dataset.sku = product.sku;
      item.append(
        text("span", product.name, "name"),
        text("span", dollars(product.priceCents), "price"),
        text("span", product.stock + " in stock", "stock"),
        text("p", product.description, "description"));
      list.append(item);
      const option = text("option", product.name + " (" + dollars(product.priceCents) + ")");
      option.value = product.sku;
      select.append(option);
    }
  } catch (error) {
    list.replaceChildren(text("li", "The store is unavailable: " + error.message, "error"));
  }
}

async function placeOrder(event) {
  event.preventDefault();
  const form = event.target;
  const result = document.getElementById("order-result");
  const order = {
    sku: form.sku.value,
    quantity: Number(form.quantity.value),
    email: form.email.value,
  };
  result.className = "";
  result.textContent = "Placing order…";
  try {
    const response = await fetch("/api/orders", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(order),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
    result.className = "ok";
    result.textContent = "Order " + body.id + " placed: " + body.quantity + " × " + body.sku
      + ", " + dollars(body.totalCents) + ".";
    loadProducts();
  } catch (error) {
    result.className = "error";
    result.textContent = "Not ordered: " + error.message;
  }
}

document.getElementById("order-form").addEventListener("submit", placeOrder);
loadProducts();
