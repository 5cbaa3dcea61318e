import { Chip, ChipGroup, MenuToggle, Select, SelectList, SelectOption } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

type Props = {
  id: string;
  options: string[];
  selected: string[];
  onChange: (selected: string[]) => void;
  isDisabled?: boolean;
};

/**
 * A checkbox multi-select of client scope names, the chosen ones as chips below it. Not ui-shared's SelectControl
 * (typeaheadMulti): in 26.7.3 its Tab and Escape keys set the field to undefined, so tabbing through the form
 * would drop every scope.
 */
export const ScopeSelect = ({ id, options, selected, onChange, isDisabled }: Props) => {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // a scope the policy names but the realm no longer has stays visible (the server then refuses it)
  const all = [...options, ...selected.filter((name) => !options.includes(name))];
  const toggle = (name: string) =>
    onChange(selected.includes(name) ? selected.filter((s) => s !== name) : [...selected, name]);

  return (
    <>
      <Select
        role="menu"
        isOpen={open}
        selected={selected}
        onSelect={(_event, value) => toggle(String(value))}
        onOpenChange={setOpen}
        toggle={(ref) => (
          <MenuToggle
            ref={ref}
            id={id}
            onClick={() => setOpen(!open)}
            isExpanded={open}
            isDisabled={isDisabled}
            isFullWidth
            data-testid="scopes-toggle"
          >
            {selected.length === 0 ? t("apiTokensSelectScopes") : t("apiTokensScopesSelected", { count: selected.length })}
          </MenuToggle>
        )}
      >
        <SelectList aria-label={t("apiTokensAvailableScopes")}>
          {all.map((name) => (
            <SelectOption key={name} value={name} hasCheckbox isSelected={selected.includes(name)}>
              {name}
            </SelectOption>
          ))}
        </SelectList>
      </Select>
      {selected.length > 0 && (
        <ChipGroup className="pf-v5-u-mt-sm" numChips={10}>
          {selected.map((name) => (
            <Chip key={name} onClick={() => toggle(name)} isReadOnly={isDisabled}>
              {name}
            </Chip>
          ))}
        </ChipGroup>
      )}
    </>
  );
};
