/**
 * The Fluent 2 web components the pane uses, and no others: each `define` pulls one component
 * into the bundle. The theme sets Fluent's design tokens as CSS variables, which taskpane.css
 * also reads.
 */
import {
  Button,
  ButtonDefinition,
  Spinner,
  SpinnerDefinition,
  TextInput,
  TextInputDefinition,
  setTheme,
} from "@fluentui/web-components";
import { webLightTheme } from "@fluentui/tokens";

export function registerFluent(): void {
  Button.define(ButtonDefinition);
  Spinner.define(SpinnerDefinition);
  TextInput.define(TextInputDefinition);
  setTheme(webLightTheme);
}
